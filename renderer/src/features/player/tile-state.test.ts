import { describe, expect, it } from 'vitest';
import type { CameraDto } from '../../../../contracts/src/camera';
import type { PipelineStatusDto } from '../../gateway/gateway-types';
import { createTranslate } from '../../i18n/translate';
import { DICTIONARIES } from '../../app/dictionaries';
import { isAuthStopped, reasonDetail, reasonText } from './tile-reason';
import { deriveTileView, INITIAL_PLAYER_STATE, isStillComing, playerReducer, type PlayerEvent, type PlayerState } from './tile-state';

const run = (...events: PlayerEvent[]): PlayerState => events.reduce(playerReducer, INITIAL_PLAYER_STATE);
const gatewayDown = { kind: 'gateway', code: 'stream_offline', message: 'connection refused' } as const;
const pipeline = (state: PipelineStatusDto['state'], reason: string | null = null, reasonCode: string | null = null): PipelineStatusDto => ({
  cameraId: 'c1', profile: 'sub', state, reason, reasonCode, viewers: 1, fps: 25, bitrateBps: 500_000, lastFragmentAgeMs: 400, restarts: 0,
});
const camera = (status: CameraDto['status'], statusReason: string | null = null) => ({ id: 'c1', status, statusReason }) as CameraDto;

describe('playerReducer', () => {
  it('connecting → live on progress, with the latency rounded', () => {
    expect(run({ type: 'connect' }).phase).toBe('connecting');
    const live = run({ type: 'connect' }, { type: 'progress', latencySec: 1.234 });
    expect(live).toMatchObject({ phase: 'live', latencySec: 1.2, wasLive: true, failures: 0 });
  });

  it('returns the same state for an unchanged progress (no re-render)', () => {
    const live = run({ type: 'progress', latencySec: 1.21 });
    expect(playerReducer(live, { type: 'progress', latencySec: 1.24 })).toBe(live);
  });

  it('a frozen live picture becomes reconnecting', () => {
    const s = run({ type: 'progress', latencySec: 1 }, { type: 'frozen' });
    expect(s).toMatchObject({ phase: 'reconnecting', reason: { kind: 'local', code: 'frozen' }, latencySec: null });
    expect(playerReducer(s, { type: 'frozen' })).toBe(s);
  });

  it('failures count up and reconnect; progress clears them', () => {
    const s = run({ type: 'connect' }, { type: 'failed', reason: { kind: 'local', code: 'network' } }, { type: 'connect' });
    expect(s).toMatchObject({ phase: 'reconnecting', failures: 1 });
    expect(playerReducer(s, { type: 'progress', latencySec: null })).toMatchObject({ phase: 'live', failures: 0, reason: null });
  });

  it('offline stays offline while retrying', () => {
    const s = run({ type: 'connect' }, { type: 'offline', reason: gatewayDown }, { type: 'connect' });
    expect(s).toMatchObject({ phase: 'offline', reason: gatewayDown });
  });

  it('a stream still starting is connecting without a reason; a tile that failed or was live keeps what it says', () => {
    const cold = run({ type: 'connect' }, { type: 'starting', detail: 'empty-playlist' }, { type: 'connect' }, { type: 'starting', detail: 'empty-playlist' });
    expect(cold).toMatchObject({ phase: 'connecting', reason: null, failures: 0 });
    expect(deriveTileView('c1', cold, pipeline('live'), camera('online')).state).toBe('connecting');
    const failed = run({ type: 'failed', reason: gatewayDown }, { type: 'starting', detail: 'empty-playlist' });
    expect(failed).toMatchObject({ phase: 'reconnecting', reason: gatewayDown });
  });

  it('reset forgets everything', () => {
    expect(run({ type: 'progress', latencySec: 1 }, { type: 'reset' })).toBe(INITIAL_PLAYER_STATE);
  });
});

describe('deriveTileView', () => {
  const live = run({ type: 'progress', latencySec: 1.1 });
  const connecting = run({ type: 'connect' });
  const offline = run({ type: 'connect' }, { type: 'offline', reason: gatewayDown });

  it('no camera is empty', () => {
    expect(deriveTileView(null, live, pipeline('live'), undefined).state).toBe('empty');
  });

  it('live with latency when the picture advances', () => {
    expect(deriveTileView('c1', live, pipeline('live'), camera('online'))).toMatchObject({ state: 'live', latencySec: 1.1, lastFrameAgeMs: 400 });
    expect(deriveTileView('c1', live, undefined, undefined).state).toBe('live');
  });

  it('the gateway saying offline or reconnecting wins over a still-playing buffer', () => {
    expect(deriveTileView('c1', live, pipeline('offline', 'connection refused', 'connection-refused'), undefined)).toMatchObject({
      state: 'offline',
      reason: { kind: 'gateway', code: 'connection-refused', message: 'connection refused' },
      latencySec: null,
    });
    expect(deriveTileView('c1', live, pipeline('reconnecting', 'timeout'), undefined).state).toBe('reconnecting');
  });

  it('a 503 from the playlist is offline with its reason, until the gateway reports the pipeline coming up', () => {
    expect(deriveTileView('c1', offline, undefined, undefined)).toMatchObject({ state: 'offline', reason: gatewayDown });
    expect(deriveTileView('c1', offline, pipeline('starting'), undefined).state).toBe('connecting');
    expect(deriveTileView('c1', offline, pipeline('live'), undefined).state).toBe('reconnecting');
  });

  it('connecting while the pipeline starts', () => {
    expect(deriveTileView('c1', connecting, pipeline('starting'), camera('offline', 'old reason')).state).toBe('connecting');
  });

  it('a camera recorded offline is shown offline once our own attempt failed', () => {
    expect(deriveTileView('c1', connecting, undefined, camera('offline', 'no route')).state).toBe('connecting');
    const failed = run({ type: 'connect' }, { type: 'failed', reason: { kind: 'local', code: 'network' } });
    expect(deriveTileView('c1', failed, undefined, camera('offline', 'no route'))).toMatchObject({ state: 'offline', reason: { kind: 'gateway', message: 'no route' } });
    expect(deriveTileView('c1', failed, undefined, camera('online')).state).toBe('reconnecting');
  });
});

describe('reason text', () => {
  const zh = createTranslate('zh-CN', DICTIONARIES);
  const en = createTranslate('en', DICTIONARIES);
  it('localises our reasons and known ingest codes, passes other gateway messages through', () => {
    expect(reasonText({ kind: 'local', code: 'frozen' }, zh)).toBe('画面停止更新');
    expect(reasonText({ kind: 'gateway', code: 'connection-refused', message: 'connection refused' }, zh)).toBe('摄像机拒绝连接');
    expect(reasonText({ kind: 'gateway', code: 'unreachable', message: 'camera unreachable' }, en)).toBe('Camera unreachable');
    expect(reasonText({ kind: 'gateway', code: 'stream_offline', message: 'pipeline is offline' }, zh)).toBe('pipeline is offline');
    expect(reasonText(null, zh)).toBeNull();
  });
  it('keeps the raw detail for the tooltip', () => {
    expect(reasonDetail({ kind: 'gateway', code: null, message: 'raw' })).toBe('raw');
    expect(reasonDetail({ kind: 'local', code: 'media', detail: 'bufferAppendError' })).toBe('bufferAppendError');
  });
});

describe('isStillComing', () => {
  it('reads the state of an HLS 503 body', () => {
    expect(isStillComing('starting')).toBe(true);
    expect(isStillComing('reconnecting')).toBe(true);
    expect(isStillComing('offline')).toBe(false);
    expect(isStillComing('stopped')).toBe(false);
    expect(isStillComing(null)).toBe(false);
  });
});

describe('isAuthStopped', () => {
  it('only an offline tile whose gateway reason is auth-failed: the gateway no longer retries it', () => {
    const authOffline = deriveTileView('c1', run({ type: 'connect' }), pipeline('offline', 'auth failed', 'auth-failed'), undefined);
    expect(isAuthStopped(authOffline)).toBe(true);
    expect(isAuthStopped(deriveTileView('c1', run({ type: 'connect' }), pipeline('offline', 'connection refused', 'connection-refused'), undefined))).toBe(false);
    expect(isAuthStopped(deriveTileView('c1', run({ type: 'connect' }), pipeline('reconnecting', 'auth failed', 'auth-failed'), undefined))).toBe(false);
    const t = createTranslate('zh-CN', DICTIONARIES);
    expect(t('tile.authStopped')).toBe('认证失败，已停止重试');
    expect(createTranslate('en', DICTIONARIES)('tile.authStopped')).toBe('Authentication failed — retries stopped');
  });
});

describe('H.265 delivery states', () => {
  const t = createTranslate('zh-CN', DICTIONARIES);
  const tEn = createTranslate('en', DICTIONARIES);

  it('a playing tile whose gateway output is behind real time is lagging, with the seconds', () => {
    const live = run({ type: 'progress', latencySec: 1 });
    const view = deriveTileView('c1', live, { ...pipeline('lagging', 'output 6 s behind real time'), lagSec: 6.2 }, camera('online'));
    expect(view).toMatchObject({ state: 'lagging', lagSec: 6.2 });
    expect(deriveTileView('c1', live, pipeline('live'), camera('online')).state).toBe('live');
  });

  it('words the transcode budget refusal (a 503 body) in zh-CN and en, and keeps the tile offline while it retries', () => {
    const s = run({ type: 'connect' }, { type: 'offline', reason: { kind: 'gateway', code: 'transcode-capacity', message: 'transcode capacity reached (2 at once)' } });
    const view = deriveTileView('c1', s, undefined, camera('online'));
    expect(view.state).toBe('offline');
    expect(reasonText(view.reason, t)).toBe('转码路数已满，请稍候或改看子码流');
    expect(reasonText(view.reason, tEn)).toBe('Transcode capacity reached: try later or watch the sub stream');
    expect(isStillComing('transcode-capacity')).toBe(false);
    expect(isStillComing('lagging')).toBe(true);
  });
});
