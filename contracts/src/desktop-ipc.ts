/**
 * The one IPC contract between the Electron main process and the preload (Heroic/VS Code style): every channel's
 * request and response type, and which page may call it. Main registers handlers with `handle()`
 * (electron/src/main/ipc-router.ts), the preload calls them with `invoke()` (electron/src/preload/ipc-invoke.ts);
 * nothing else touches ipcMain/ipcRenderer. Both are generic over `IpcContract`, so a channel, its payload and its
 * answer are checked on both sides.
 *
 * It lives in contracts/ because it is shared: main, the preload and (type-only, through desktop-api.ts) the
 * renderer and the setup page. Types and plain constants only — no zod, no electron, node or DOM (lint block
 * contracts/desktop-ipc-bundled): the sandboxed preload bundles this file. Payload validation (zod) lives in
 * electron/src/main/ipc-schemas.ts.
 */

/** A stable key for a physical display, from its position and size (see electron/src/main/display-mapping.ts). */
export type DisplayKey = string;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** One wall window: which display shows which wall layout (the layout ids belong to the renderer/gateway). */
export interface WallAssignment {
  displayKey: DisplayKey;
  layoutId: string;
  /** A wall is never put on the operator's display unless this is set explicitly. */
  allowOnOperatorDisplay?: boolean;
}

export interface WallConfig {
  assignments: WallAssignment[];
  /** Open the assigned walls as soon as the console starts (unattended wall PCs). */
  openOnStart: boolean;
}

export interface DisplayInfo {
  key: DisplayKey;
  /** 1-based, row-major (top to bottom, then left to right); the `display=<n>` of the wall URL. */
  number: number;
  label: string;
  bounds: Rect;
  scaleFactor: number;
  primary: boolean;
  /** The display the operator window is on: no wall goes here unless asked. */
  operator: boolean;
}

export type WallSkipReason = 'display-missing' | 'operator-display' | 'duplicate-display';

export interface WallStatus {
  /** Wall mode on (walls open on their assigned displays) or off. */
  active: boolean;
  open: Array<{ displayKey: DisplayKey; displayNumber: number; layoutId: string }>;
  skipped: Array<{ displayKey: DisplayKey; layoutId: string; reason: WallSkipReason }>;
}

/**
 * Where the alarm window opens: a display of its own (the alarm centre, maximised there, brought forward on each new
 * alarm), or null = no separate window, alarms pop up in the operator window's dock.
 */
export interface AlarmWindowPlacement {
  displayKey: DisplayKey | null;
}

export interface AlarmWindowStatus {
  placement: AlarmWindowPlacement;
  /** The alarm window is open (on displayNumber). */
  open: boolean;
  displayNumber: number | null;
  /** The chosen display is not connected: no alarm window, alarms stay in the operator window's dock. */
  fallback: 'display-missing' | null;
}

export interface PublicSettings {
  gatewayUrl: string | null;
  /** SHA-256 fingerprint pinned for the current gateway (trust on first use), null when none is needed or known. */
  certificateFingerprint: string | null;
  wall: WallConfig;
  alarmWindow: AlarmWindowPlacement;
}

export interface AppInfo {
  name: string;
  version: string;
  electron: string;
  chrome: string;
  platform: string;
}

export interface NotificationRequest {
  title: string;
  body: string;
  urgency?: 'normal' | 'critical';
  silent?: boolean;
}

export type SetGatewayResult =
  | { ok: true; restarting: boolean }
  | { ok: false; reason: 'invalid-url' | 'unreachable' | 'cancelled'; message: string };

/** Failures crossing IPC are values, never stack traces. */
export type IpcErrorCode = 'forbidden' | 'invalid-payload' | 'unknown-channel' | 'failed';
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: { code: IpcErrorCode; message: string } };

/** channel → request/response. `void` requests take no argument. */
export interface IpcContract {
  'app:version': { request: void; response: AppInfo };
  'settings:get': { request: void; response: PublicSettings };
  'settings:set-gateway': { request: { url: string }; response: SetGatewayResult };
  'setup:submit-gateway': { request: { url: string }; response: SetGatewayResult };
  'displays:list': { request: void; response: DisplayInfo[] };
  /** Each display shows its number, big, for a few seconds (which monitor is display 2?). */
  'displays:identify': { request: void; response: { shown: number } };
  'wall:get-config': { request: void; response: WallConfig };
  'wall:set-config': { request: WallConfig; response: WallStatus };
  'wall:status': { request: void; response: WallStatus };
  'wall:open': { request: void; response: WallStatus };
  'wall:close': { request: void; response: WallStatus };
  'notify:show': { request: NotificationRequest; response: { shown: boolean } };
  'alarm-window:get': { request: void; response: AlarmWindowStatus };
  /** Saves the placement and opens, moves or closes the alarm window at once. */
  'alarm-window:set': { request: AlarmWindowPlacement; response: AlarmWindowStatus };
  /** A new alarm: bring the alarm window forward (without taking focus from the operator); false when there is none. */
  'alarm-window:raise': { request: void; response: { raised: boolean } };
}

export type IpcChannel = keyof IpcContract;
export type IpcRequest<C extends IpcChannel> = IpcContract[C]['request'];
export type IpcResponse<C extends IpcChannel> = IpcContract[C]['response'];
export type IpcArgs<C extends IpcChannel> = [IpcRequest<C>] extends [void] ? [] : [payload: IpcRequest<C>];

/**
 * Which pages may call a channel: `gateway` = a top-level frame of the configured gateway origin (operator and wall
 * windows), `setup` = the packaged local setup page. Checked in main on every call.
 */
export type SenderScope = 'gateway' | 'setup';

export const IPC_CHANNELS = {
  'app:version': { senders: ['gateway', 'setup'] },
  'settings:get': { senders: ['gateway', 'setup'] },
  'settings:set-gateway': { senders: ['gateway'] },
  'setup:submit-gateway': { senders: ['setup'] },
  'displays:list': { senders: ['gateway'] },
  'displays:identify': { senders: ['gateway'] },
  'wall:get-config': { senders: ['gateway'] },
  'wall:set-config': { senders: ['gateway'] },
  'wall:status': { senders: ['gateway'] },
  'wall:open': { senders: ['gateway'] },
  'wall:close': { senders: ['gateway'] },
  'notify:show': { senders: ['gateway'] },
  'alarm-window:get': { senders: ['gateway'] },
  'alarm-window:set': { senders: ['gateway'] },
  'alarm-window:raise': { senders: ['gateway'] },
} as const satisfies { [C in IpcChannel]: { senders: readonly SenderScope[] } };

export function isIpcChannel(name: string): name is IpcChannel {
  return Object.prototype.hasOwnProperty.call(IPC_CHANNELS, name);
}
