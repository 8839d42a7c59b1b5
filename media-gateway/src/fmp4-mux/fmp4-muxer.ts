// Decode-ordered access units (with the caller's DTS) and AAC frames in; init segments and moof+mdat fragments out,
// cut the way the HLS packager wants them: a fragment never spans a keyframe (so segments can start on one) and is
// cut once it holds the target duration of video (one fragment = one LL-HLS part). A sample's duration is the
// distance to the next sample's DTS, so a fragment leaves when the access unit after its last sample arrives.
import { buildEsds, parseAacConfig } from './aac-config';
import type { AacConfig } from './aac-config';
import { aacCodecString } from './codec-strings';
import { Fmp4MuxError } from './errors';
import { writeFragment } from './fragment-writer';
import type { VideoSample } from './fragment-writer';
import { AUDIO_TRACK_ID, VIDEO_TIMESCALE, writeInitSegment } from './init-segment';
import { ParameterSetTracker, classifyNal, describeVideoTrack, isComplete } from './parameter-sets';
import type { ParameterSets } from './parameter-sets';
import type { AudioFrame, FragmentOutput, Fmp4MuxerOptions, InitOutput, MuxOutput, MuxerStats, VideoAccessUnit } from './types';

/** AAC: 1024 PCM samples per access unit (ISO/IEC 14496-3; 960-sample framing is not used by cameras). */
const AAC_FRAME_SAMPLES = 1024;
/** Audio waiting for video (a stalled or late video track) is bounded; the oldest goes first. */
const MAX_QUEUED_AUDIO_SEC = 5;
/** A sample's duration when there is no next sample to measure it by (flush() of a single frame): 1/30 s. */
const FALLBACK_DURATION_90K = 3000;
/** No camera access unit comes near this; a bigger one is a depacketiser fault, not video. */
const MAX_ACCESS_UNIT_BYTES = 16 * 1024 * 1024;

interface QueuedAudio {
  /** In the audio timescale (the AAC sample rate). */
  time: number;
  data: Uint8Array;
}

type FoundSets = Partial<Record<'vps' | 'sps' | 'pps', Uint8Array[]>>;

export class Fmp4Muxer {
  private readonly targetDuration90k: number;
  private readonly aac: AacConfig | null;
  private readonly parameterSets = new ParameterSetTracker();
  /** The init in force: the one later fragments belong to. */
  private init: InitOutput | null = null;
  private pending: VideoSample[] = [];
  private lastDts: number | null = null;
  private sequence = 0;
  private audioQueue: QueuedAudio[] = [];
  /** Audio before this (audio timescale) belongs to no fragment: it precedes the first video sample. */
  private audioFloor = 0;
  private lastAudioTime = -Infinity;
  private readonly counters: MuxerStats = { inits: 0, fragments: 0, droppedVideo: 0, droppedAudio: 0 };

  constructor(options: Fmp4MuxerOptions = {}) {
    const ms = options.fragmentDurationMs ?? 200;
    if (!(ms > 0 && ms <= 10_000)) throw new RangeError('fragmentDurationMs must be in (0, 10000]');
    this.targetDuration90k = Math.round((ms * VIDEO_TIMESCALE) / 1000);
    const audio = options.audio ?? null;
    if (audio && audio.codec !== 'aac') {
      throw new Fmp4MuxError('unsupported-audio', `${audio.codec} cannot be carried in fMP4 for HLS: transcode it to AAC or drop it`);
    }
    if (audio && !audio.config) throw new Fmp4MuxError('bad-audio-config', 'AAC needs its AudioSpecificConfig');
    this.aac = audio?.config ? parseAacConfig(Uint8Array.from(audio.config)) : null;
    if (options.parameterSets) {
      const { codec, nalus } = options.parameterSets;
      const found: FoundSets = {};
      for (const nal of nalus) {
        const kind = classifyNal(codec, nal);
        if (kind !== 'sample' && kind !== 'drop') (found[kind] ??= []).push(nal);
      }
      const { sets } = this.parameterSets.propose(codec, found);
      if (isComplete(sets)) describeVideoTrack(sets); // unreadable SDP sets fail here, not at the first keyframe
      this.parameterSets.accept(sets);
    }
  }

  get stats(): MuxerStats {
    return { ...this.counters };
  }

  /** The init segment in force (null before the first keyframe with parameter sets). */
  get currentInit(): InitOutput | null {
    return this.init;
  }

  /**
   * Adds one access unit in decode order. `dts90k` must be an integer ≥ 0, ≤ the AU's pts90k and greater than the
   * previous one; otherwise Fmp4MuxError is thrown and nothing changes. Returns what became ready: a fragment (the
   * AU completed its duration), a new init (parameter sets changed: after the last fragment of the old one).
   */
  addVideo(au: VideoAccessUnit, dts90k: number): MuxOutput[] {
    this.checkTimestamps(au, dts90k);
    const sample: Uint8Array[] = [];
    const found: FoundSets = {};
    let bytes = 0;
    for (const nal of au.nalus) {
      if (nal.length === 0) continue;
      bytes += nal.length;
      const kind = classifyNal(au.codec, nal);
      if (kind === 'sample') sample.push(nal);
      else if (kind !== 'drop') (found[kind] ??= []).push(nal);
    }
    if (bytes > MAX_ACCESS_UNIT_BYTES) throw new Fmp4MuxError('bad-input', `access unit of ${bytes} bytes`);

    // Everything that can throw happens before anything is stored: a refused AU leaves the muxer as it was.
    const proposal = this.init && Object.keys(found).length === 0 ? null : this.parameterSets.propose(au.codec, found);
    const nextInit = proposal && (proposal.changed || !this.init) && isComplete(proposal.sets) ? this.buildInit(proposal.sets) : null;
    if (this.init && !nextInit && au.codec !== this.parameterSets.current?.codec) {
      throw new Fmp4MuxError('bad-input', `${au.codec} access unit in a ${this.parameterSets.current?.codec ?? '?'} stream without new parameter sets`);
    }
    if (proposal) this.parameterSets.accept(proposal.sets);

    const out: MuxOutput[] = [];
    // A parameter-set-only AU (some cameras send SPS/PPS on their own timestamp) is no sample and moves no clock.
    if (sample.length === 0) {
      if (nextInit) this.switchInit(nextInit, out);
      return out;
    }
    const last = this.pending[this.pending.length - 1];
    if (last) last.duration = dts90k - last.dts;
    const pendingDuration = this.pending.reduce((n, s) => n + s.duration, 0);
    if (this.pending.length > 0 && (nextInit || au.key || pendingDuration >= this.targetDuration90k)) out.push(this.emitFragment());
    if (nextInit) this.switchInit(nextInit, out);
    this.lastDts = dts90k;

    // Nothing decodable before the first keyframe that has (or follows) the parameter sets.
    if (!this.init || (this.pending.length === 0 && this.counters.fragments === 0 && !au.key)) {
      this.counters.droppedVideo++;
      return out;
    }
    if (this.counters.fragments === 0 && this.pending.length === 0) {
      this.audioFloor = this.toAudioTime(dts90k, VIDEO_TIMESCALE);
      const before = this.audioQueue.length;
      this.audioQueue = this.audioQueue.filter((f) => f.time >= this.audioFloor);
      this.counters.droppedAudio += before - this.audioQueue.length;
    }
    this.pending.push({ dts: dts90k, duration: 0, compositionOffset: au.pts90k - dts90k, key: au.key, nalus: sample });
    return out;
  }

  /** Queues one AAC frame for the fragment covering its time. G.711 throws (unsupported-audio): transcode or drop it. */
  addAudio(frame: AudioFrame): void {
    if (frame.codec !== 'aac') throw new Fmp4MuxError('unsupported-audio', `${frame.codec} cannot be muxed: transcode it to AAC or drop it`);
    if (!this.aac) throw new Fmp4MuxError('bad-input', 'audio frame for a muxer created without audio');
    if (!Number.isSafeInteger(frame.ptsClock) || !(frame.clockRate > 0)) throw new Fmp4MuxError('bad-timestamp', 'audio timestamp or clock rate invalid');
    if (frame.data.length === 0 || frame.data.length > 65536) throw new Fmp4MuxError('bad-input', `AAC frame of ${frame.data.length} bytes`);
    const time = this.toAudioTime(frame.ptsClock, frame.clockRate);
    // Compared with the last frame taken, not the queue's tail: that one may already be in a fragment.
    if (time <= this.lastAudioTime || time < this.audioFloor) {
      this.counters.droppedAudio++;
      return;
    }
    this.lastAudioTime = time;
    this.audioQueue.push({ time, data: frame.data });
    const oldest = this.aac.sampleRate * MAX_QUEUED_AUDIO_SEC;
    while (this.audioQueue.length > 1 && time - (this.audioQueue[0]?.time ?? time) > oldest) {
      this.audioQueue.shift();
      this.counters.droppedAudio++;
    }
  }

  /** Ends the stream: the held samples go out as a last fragment, the last duration repeating the one before. */
  flush(): MuxOutput[] {
    const last = this.pending[this.pending.length - 1];
    if (!last) return [];
    last.duration = this.pending[this.pending.length - 2]?.duration ?? FALLBACK_DURATION_90K;
    return [this.emitFragment()];
  }

  private checkTimestamps(au: VideoAccessUnit, dts: number): void {
    if (!Number.isSafeInteger(dts) || !Number.isSafeInteger(au.pts90k) || dts < 0) {
      throw new Fmp4MuxError('bad-timestamp', `dts ${dts} / pts ${au.pts90k} must be integers ≥ 0`);
    }
    if (dts > au.pts90k) throw new Fmp4MuxError('dts-after-pts', `dts ${dts} after pts ${au.pts90k}`);
    if (this.lastDts !== null && dts <= this.lastDts) throw new Fmp4MuxError('dts-not-monotonic', `dts ${dts} after ${this.lastDts}`);
  }

  /** The init for a complete set of parameter sets; throws Fmp4MuxError('bad-parameter-set') if they are unreadable. */
  private buildInit(sets: ParameterSets): InitOutput {
    const video = describeVideoTrack(sets);
    const audio = this.aac ? { sampleRate: this.aac.sampleRate, channels: this.aac.channels, esds: buildEsds(this.aac, AUDIO_TRACK_ID) } : null;
    const audioCodec = this.aac ? aacCodecString(this.aac) : null;
    return {
      kind: 'init',
      data: writeInitSegment(video.description, audio),
      reason: this.init ? 'parameter-sets-changed' : 'first',
      videoCodec: video.codec,
      audioCodec,
      codecs: audioCodec ? `${video.codec},${audioCodec}` : video.codec,
      width: video.description.width,
      height: video.description.height,
    };
  }

  private switchInit(init: InitOutput, out: MuxOutput[]): void {
    this.init = init;
    this.counters.inits++;
    out.push(this.init);
  }

  private toAudioTime(ticks: number, clockRate: number): number {
    return Math.round((ticks * (this.aac?.sampleRate ?? clockRate)) / clockRate);
  }

  private emitFragment(): FragmentOutput {
    const samples = this.pending;
    this.pending = [];
    const first = samples[0];
    if (!first) throw new RangeError('no samples');
    const duration90k = samples.reduce((n, s) => n + s.duration, 0);
    const audio = this.takeAudio(this.toAudioTime(first.dts + duration90k, VIDEO_TIMESCALE));
    this.sequence++;
    this.counters.fragments++;
    return {
      kind: 'fragment',
      data: writeFragment(this.sequence, samples, audio),
      sequence: this.sequence,
      dts90k: first.dts,
      duration90k,
      videoSamples: samples.length,
      audioSamples: audio?.frames.length ?? 0,
      key: first.key,
    };
  }

  /**
   * The queued audio frames before `end` (audio timescale) that play back to back from the first: a traf has one
   * decode time, so a gap (lost packets) ends the run and the rest waits for the next fragment's own tfdt.
   */
  private takeAudio(end: number): { baseTime: number; frameDuration: number; frames: Uint8Array[] } | null {
    const first = this.audioQueue[0];
    if (!first || first.time >= end) return null;
    const frames: Uint8Array[] = [];
    let expected = first.time;
    let n = 0;
    for (const f of this.audioQueue) {
      if (f.time >= end || Math.abs(f.time - expected) > AAC_FRAME_SAMPLES / 2) break;
      frames.push(f.data);
      expected += AAC_FRAME_SAMPLES;
      n++;
    }
    this.audioQueue = this.audioQueue.slice(n);
    return { baseTime: first.time, frameDuration: AAC_FRAME_SAMPLES, frames };
  }
}
