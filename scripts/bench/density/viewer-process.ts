/**
 * The density bench's viewers, in their own process so their CPU is not the gateway's or the simulator's: one LL-HLS
 * client per URL that behaves like hls.js in low-latency mode (a blocking playlist reload for the preload-hinted next
 * part, then every new part, one request at a time). Started by density-bench.ts with an IPC channel: `start` with the
 * URLs, `stop`, then it sends back one report and exits.
 */
import { Agent, request } from 'node:http';
import { parseLlPlaylist } from '../ll-hls-follower';
import { MediaClock, PartSequence, type PartRef } from './part-accounting';
import { toTuple, type FromViewers, type ToViewers, type ViewerReport } from './viewer-protocol';

/** A blocking reload is answered within a few part targets; this only ends requests to a gateway that hangs. */
const REQUEST_TIMEOUT_MS = 10_000;
const RETRY_MS = 500;

const agent = new Agent({ keepAlive: true, maxSockets: Infinity });

function get(url: string, keepBody: boolean): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => {
        if (keepBody) chunks.push(d);
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: keepBody ? Buffer.concat(chunks).toString('utf8') : '' }));
      res.on('error', reject);
    });
    req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end();
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function follow(stream: number, url: string, delayMs: number, stop: { requested: boolean }, report: ViewerReport): Promise<void> {
  await sleep(delayMs);
  const clock = new MediaClock();
  const seq = new PartSequence();
  let hint: PartRef | null = null;
  let discontinuity = false;
  const t0 = Date.now();
  while (!stop.requested) {
    try {
      const res = await get(hint ? `${url}&_HLS_msn=${hint.msn}&_HLS_part=${hint.part}` : url, true);
      const listedAt = Date.now();
      if (res.status !== 200) {
        report.errors.push([stream, listedAt, `playlist ${res.status}`]);
        await sleep(RETRY_MS);
        continue;
      }
      const pl = parseLlPlaylist(res.body);
      report.firstPlaylistMs[stream] ??= listedAt - t0;
      if (pl.discontinuity && !discontinuity) report.errors.push([stream, listedAt, 'discontinuity (ingest restarted)']);
      discontinuity ||= pl.discontinuity;
      clock.learn(pl);
      const { fresh, missing } = seq.step(pl);
      if (missing > 0) report.missing.push([stream, listedAt, missing]);
      for (const p of fresh) {
        const mediaEndSec = clock.partEnd(pl, p);
        const part = await get(new URL(p.uri, url).toString(), false);
        const partAt = Date.now();
        if (part.status !== 200) {
          report.missing.push([stream, partAt, 1]);
          report.errors.push([stream, partAt, `part ${part.status}`]);
        } else {
          // After an ingest restart the parts come from a new camera session: media time no longer maps to its sends.
          report.parts.push(toTuple({ stream, msn: p.msn, part: p.part, mediaEndSec: discontinuity ? null : mediaEndSec, listedAt, partAt }));
        }
      }
      hint = pl.hint;
    } catch (err) {
      report.errors.push([stream, Date.now(), (err as Error).message]);
      await sleep(RETRY_MS);
    }
  }
}

const send = (m: FromViewers, done?: () => void) => process.send!(m, undefined, undefined, done);
const stop = { requested: false };
let running: Promise<void[]> | null = null;
const report: ViewerReport = { type: 'report', parts: [], missing: [], errors: [], firstPlaylistMs: [] };

process.on('message', (m: ToViewers) => {
  if (m.type === 'start' && !running) {
    report.firstPlaylistMs = m.urls.map(() => null);
    running = Promise.all(m.urls.map((url, i) => follow(i, url, (i * 1000) / m.rampPerSec, stop, report)));
    send({ type: 'started' });
  } else if (m.type === 'stop') {
    stop.requested = true;
    void (running ?? Promise.resolve([])).then(() => {
      send(report, () => process.disconnect());
    });
  }
});
process.on('disconnect', () => process.exit(0));
