/**
 * `window.desktop`: what the preload exposes to the renderer when it runs inside the Electron shell. Type-only and
 * free of electron/node imports, so the renderer (and the shell's setup page) can do
 *
 *   import type { DesktopApi } from '<rel>/contracts/src/desktop-api';
 *   declare global { interface Window { desktop?: DesktopApi } }
 *
 * and feature-detect with `if (window.desktop)` (it is absent in a plain browser).
 */
import type {
  AlarmWindowPlacement,
  AlarmWindowStatus,
  AppInfo,
  DisplayInfo,
  IpcErrorCode,
  NotificationRequest,
  PublicSettings,
  SetGatewayResult,
  WallConfig,
  WallStatus,
} from './desktop-ipc';

export type {
  AlarmWindowPlacement,
  AlarmWindowStatus,
  AppInfo,
  DisplayInfo,
  DisplayKey,
  NotificationRequest,
  PublicSettings,
  Rect,
  SetGatewayResult,
  WallAssignment,
  WallConfig,
  WallSkipReason,
  WallStatus,
} from './desktop-ipc';

export interface DesktopApi {
  /** Always 'electron'; lets the renderer tell the shell from a future host without probing functions. */
  readonly shell: 'electron';
  app: {
    version(): Promise<AppInfo>;
  };
  settings: {
    get(): Promise<PublicSettings>;
    /** Switch to another gateway: the shell asks the operator natively, then restarts. */
    setGateway(url: string): Promise<SetGatewayResult>;
  };
  /** Only callable from the shell's own first-start setup page. */
  setup: {
    submitGateway(url: string): Promise<SetGatewayResult>;
  };
  displays: {
    list(): Promise<DisplayInfo[]>;
    /** Each display shows its number, big, for a few seconds. */
    identify(): Promise<{ shown: number }>;
  };
  wall: {
    getConfig(): Promise<WallConfig>;
    /** Saves the assignments and applies them at once when wall mode is on. */
    setConfig(config: WallConfig): Promise<WallStatus>;
    status(): Promise<WallStatus>;
    /** Wall mode on: one full-screen kiosk window per assigned display. */
    open(): Promise<WallStatus>;
    close(): Promise<WallStatus>;
  };
  notify: {
    show(notification: NotificationRequest): Promise<{ shown: boolean }>;
  };
  /** The alarm window: which display it opens on (null: alarms stay in the operator window's dock). */
  alarmWindow: {
    get(): Promise<AlarmWindowStatus>;
    set(placement: AlarmWindowPlacement): Promise<AlarmWindowStatus>;
    /** A new alarm arrived: bring the alarm window forward. */
    raise(): Promise<{ raised: boolean }>;
  };
}

/**
 * A failing call rejects with an Error whose message starts with one of these codes and ': ' (contextBridge copies
 * errors between worlds and keeps only the message), e.g. `forbidden: sender not allowed for wall:open`.
 */
export type DesktopErrorCode = IpcErrorCode;
