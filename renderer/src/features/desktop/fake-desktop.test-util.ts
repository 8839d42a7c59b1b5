// A fake `window.desktop` for renderer tests: three displays side by side (display 1 the operator's), the shell's
// wall config and alarm window placement in memory, and every call recorded as [channel, payload].
import type { DesktopApi, DisplayInfo, WallConfig, WallStatus } from '../../../../contracts/src/desktop-api';

export const FAKE_DISPLAYS: DisplayInfo[] = [0, 1920, 3840].map((x, i) => ({
  key: `${x},0,1920x1080`,
  number: i + 1,
  label: `Monitor ${i + 1}`,
  bounds: { x, y: 0, width: 1920, height: 1080 },
  scaleFactor: 1,
  primary: i === 0,
  operator: i === 0,
}));

export function fakeDesktop(initial: WallConfig = { assignments: [], openOnStart: false }) {
  const calls: Array<[string, unknown]> = [];
  let config = structuredClone(initial);
  let active = false;
  let alarmKey: string | null = null;
  const status = (): WallStatus => ({
    active,
    open: active ? config.assignments.filter((a) => a.displayKey !== FAKE_DISPLAYS[0]!.key).map((a) => ({ displayKey: a.displayKey, displayNumber: FAKE_DISPLAYS.find((d) => d.key === a.displayKey)?.number ?? 0, layoutId: a.layoutId })) : [],
    skipped: active ? config.assignments.filter((a) => a.displayKey === FAKE_DISPLAYS[0]!.key).map((a) => ({ displayKey: a.displayKey, layoutId: a.layoutId, reason: 'operator-display' as const })) : [],
  });
  const alarmStatus = () => ({ placement: { displayKey: alarmKey }, open: alarmKey !== null, displayNumber: FAKE_DISPLAYS.find((d) => d.key === alarmKey)?.number ?? null, fallback: null });
  const rec = <T>(channel: string, payload: unknown, value: T): Promise<T> => {
    calls.push([channel, payload]);
    return Promise.resolve(value);
  };
  const api: DesktopApi = {
    shell: 'electron',
    app: { version: () => rec('app:version', undefined, { name: 'console', version: '0.1.0', electron: '41.7.1', chrome: '140', platform: 'linux' }) },
    settings: {
      get: () => rec('settings:get', undefined, { gatewayUrl: 'https://127.0.0.1:8443', certificateFingerprint: null, wall: config, alarmWindow: { displayKey: alarmKey } }),
      setGateway: (url) => rec('settings:set-gateway', { url }, { ok: false as const, reason: 'cancelled' as const, message: 'no' }),
    },
    setup: { submitGateway: () => Promise.reject(new Error('forbidden: sender not allowed for setup:submit-gateway')) },
    displays: { list: () => rec('displays:list', undefined, structuredClone(FAKE_DISPLAYS)), identify: () => rec('displays:identify', undefined, { shown: FAKE_DISPLAYS.length }) },
    wall: {
      getConfig: () => rec('wall:get-config', undefined, structuredClone(config)),
      setConfig: (next) => {
        config = structuredClone(next);
        return rec('wall:set-config', next, status());
      },
      status: () => rec('wall:status', undefined, status()),
      open: () => ((active = true), rec('wall:open', undefined, status())),
      close: () => ((active = false), rec('wall:close', undefined, status())),
    },
    notify: { show: (n) => rec('notify:show', n, { shown: true }) },
    alarmWindow: {
      get: () => rec('alarm-window:get', undefined, alarmStatus()),
      set: (p) => ((alarmKey = p.displayKey), rec('alarm-window:set', p, alarmStatus())),
      raise: () => rec('alarm-window:raise', undefined, { raised: alarmKey !== null }),
    },
  };
  return { api, calls, config: () => config };
}
