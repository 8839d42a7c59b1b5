/**
 * The preload half of the typed IPC helpers: the only file that touches ipcRenderer. It sends a known channel and
 * unwraps main's `IpcResult` envelope, so callers get a typed value or an Error (never an IPC event). contextBridge
 * copies only an error's message between worlds, so the code goes into the message: `<code>: <message>`.
 */
import { ipcRenderer } from 'electron';
import { isIpcChannel, type IpcArgs, type IpcChannel, type IpcResponse, type IpcResult } from '../../../contracts/src/desktop-ipc';

export async function invoke<C extends IpcChannel>(channel: C, ...args: IpcArgs<C>): Promise<IpcResponse<C>> {
  if (!isIpcChannel(channel)) throw new Error(`unknown-channel: ${String(channel)}`);
  const result = (await ipcRenderer.invoke(channel, ...args)) as IpcResult<IpcResponse<C>>;
  if (result.ok) return result.value;
  throw new Error(`${result.error.code}: ${result.error.message}`);
}
