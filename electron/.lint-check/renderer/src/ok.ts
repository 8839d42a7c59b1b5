import type { DesktopApi } from '../../electron/src/common/desktop-api';
export type X = DesktopApi;
