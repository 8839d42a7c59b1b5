import { IPC_CHANNELS } from '../../electron/src/common/ipc-contract';
import { x } from '../../electron/src/main/main';
export const y = [IPC_CHANNELS, x];
