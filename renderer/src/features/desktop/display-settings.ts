// 大屏设置, the pure part: what a display shows (a saved layout, a wall that follows pushes, or nothing) as the
// shell stores it, how an assignment changes the shell's wall config, and the screen's actions as shell calls.
import type { AlarmWindowStatus, AppInfo, DesktopApi, DisplayInfo, PublicSettings, SetGatewayResult, WallConfig, WallSkipReason, WallStatus } from '../../../../contracts/src/desktop-api';
import type { WallCommand } from '../../../../contracts/src/layout';

/**
 * A display's content. The shell keeps one id per display (`layoutId`, the `layout=` of the wall URL); the wall
 * page reads an id that names a gateway wall as that wall (features/wall/wall-mode-state.ts resolveWallTarget), so
 * a wall is assigned by its id and a layout by its own.
 */
export type Assignment = { kind: 'none' } | { kind: 'layout'; id: string } | { kind: 'wall'; id: string };

/** `<select>` values: '' | 'layout:<id>' | 'wall:<id>'. */
export function choiceValue(a: Assignment): string {
  return a.kind === 'none' ? '' : `${a.kind}:${a.id}`;
}

export function parseChoice(value: string): Assignment {
  const m = /^(layout|wall):(.+)$/.exec(value);
  return m ? { kind: m[1] as 'layout' | 'wall', id: m[2]! } : { kind: 'none' };
}

export function assignmentOf(config: WallConfig, displayKey: string, wallIds: ReadonlySet<string>): Assignment {
  const entry = config.assignments.find((a) => a.displayKey === displayKey);
  if (!entry) return { kind: 'none' };
  return wallIds.has(entry.layoutId) ? { kind: 'wall', id: entry.layoutId } : { kind: 'layout', id: entry.layoutId };
}

/** The config with this display's assignment replaced (or removed); every other display's is kept as it was. */
export function withAssignment(config: WallConfig, displayKey: string, a: Assignment): WallConfig {
  const existing = config.assignments.find((x) => x.displayKey === displayKey);
  const others = config.assignments.filter((x) => x.displayKey !== displayKey);
  if (a.kind === 'none') return { ...config, assignments: others };
  const entry = { displayKey, layoutId: a.id, ...(existing?.allowOnOperatorDisplay ? { allowOnOperatorDisplay: true } : {}) };
  const at = existing ? config.assignments.indexOf(existing) : others.length;
  return { ...config, assignments: [...others.slice(0, at), entry, ...others.slice(at)] };
}

/** The config with the operator-display exception of this display's assignment set or cleared. */
export function withOperatorDisplayAllowed(config: WallConfig, displayKey: string, allowed: boolean): WallConfig {
  return {
    ...config,
    assignments: config.assignments.map((a) => {
      if (a.displayKey !== displayKey) return a;
      const { allowOnOperatorDisplay: _was, ...rest } = a;
      return allowed ? { ...rest, allowOnOperatorDisplay: true } : rest;
    }),
  };
}

/** Why the shell did not open this display's wall (from its last status), null when it did or was not asked to. */
export function skipReasonOf(status: WallStatus, displayKey: string): WallSkipReason | null {
  return status.skipped.find((s) => s.displayKey === displayKey)?.reason ?? null;
}

export function isWallOpen(status: WallStatus, displayKey: string): boolean {
  return status.open.some((o) => o.displayKey === displayKey);
}

export function sizeText(d: DisplayInfo): string {
  return `${d.bounds.width}×${d.bounds.height}`;
}

export function positionText(d: DisplayInfo): string {
  return `(${d.bounds.x}, ${d.bounds.y})`;
}

/** The gateway wall a desktop display follows when it shows a layout (the wall page's `display-<n>`). */
export function displayWallId(displayNumber: number): string {
  return `display-${displayNumber}`;
}

/** Everything the screen shows of the shell, read in one go. */
export interface DesktopSnapshot {
  displays: DisplayInfo[];
  config: WallConfig;
  status: WallStatus;
  alarmWindow: AlarmWindowStatus;
  app: AppInfo | null;
  /** The gateway the shell uses and its pinned certificate. */
  settings: PublicSettings;
}

export async function readSnapshot(api: DesktopApi): Promise<DesktopSnapshot> {
  const [displays, config, status, alarmWindow, app, settings] = await Promise.all([
    api.displays.list(),
    api.wall.getConfig(),
    api.wall.status(),
    api.alarmWindow.get(),
    api.app.version().catch(() => null),
    api.settings.get(),
  ]);
  return { displays, config, status, alarmWindow, app, settings };
}

export type PushCommand = (wallId: string, command: WallCommand) => Promise<unknown>;

export interface AssignResult {
  status: WallStatus;
  /** The assignment is saved, but the gateway push that makes an open wall window follow at once failed. */
  pushError: unknown;
}

/**
 * What the screen does, as shell calls. `push` (null without wall.control): a layout assigned to display n is also
 * pushed to the gateway wall `display-<n>`, so the window already open there switches at once and the wall's stored
 * state (what it shows after a reload) is the assignment.
 */
export function createDisplayActions(api: DesktopApi, push: PushCommand | null) {
  return {
    async assign(display: DisplayInfo, a: Assignment): Promise<AssignResult> {
      // Read the config afresh: the shell may have been changed from another window since this page loaded.
      const config = await api.wall.getConfig();
      const status = await api.wall.setConfig(withAssignment(config, display.key, a));
      let pushError: unknown = null;
      if (a.kind === 'layout' && push) await push(displayWallId(display.number), { type: 'show-layout', layoutId: a.id }).catch((e: unknown) => (pushError = e));
      return { status, pushError };
    },
    /** A wall on the operator's own display (a one-monitor PC) only when asked for explicitly. */
    async allowOnOperatorDisplay(display: DisplayInfo, allowed: boolean): Promise<WallStatus> {
      const config = await api.wall.getConfig();
      return api.wall.setConfig(withOperatorDisplayAllowed(config, display.key, allowed));
    },
    async setOpenOnStart(on: boolean): Promise<WallStatus> {
      const config = await api.wall.getConfig();
      return api.wall.setConfig({ ...config, openOnStart: on });
    },
    setWallMode: (on: boolean): Promise<WallStatus> => (on ? api.wall.open() : api.wall.close()),
    identify: () => api.displays.identify(),
    placeAlarmWindow: (displayKey: string | null) => api.alarmWindow.set({ displayKey }),
    /** The shell checks the address, asks the operator natively, saves it and restarts. */
    switchGateway: (url: string): Promise<SetGatewayResult> => api.settings.setGateway(url.trim()),
  };
}

/** The words for the shell's answer to a gateway switch. */
export function gatewaySwitchKey(r: SetGatewayResult): 'desktop.gateway.restarting' | 'desktop.gateway.unchanged' | `desktop.gateway.${'invalid-url' | 'unreachable' | 'cancelled'}` {
  if (r.ok) return r.restarting ? 'desktop.gateway.restarting' : 'desktop.gateway.unchanged';
  return `desktop.gateway.${r.reason}`;
}

export type DisplayActions = ReturnType<typeof createDisplayActions>;
