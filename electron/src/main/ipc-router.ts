/**
 * The main half of the typed IPC helpers. `handle(channel, fn)` registers a handler for one contract channel and, on
 * every call, checks the sender (ipc-sender-policy.ts), validates the payload (ipc-schemas.ts) and wraps the answer
 * in an IpcResult, so a failure reaches the page as a code and a message, never as a stack trace.
 *
 * It takes an `IpcMainLike` so it is tested with a fake; ipc-electron.ts binds it to the real ipcMain.
 */
import type { IpcChannel, IpcErrorCode, IpcRequest, IpcResponse, IpcResult, SenderScope } from '../../../contracts/src/desktop-ipc';
import { IPC_REQUEST_SCHEMAS } from './ipc-schemas';
import { classifySender, isSenderAllowed, type SenderFrame, type TrustedSenders } from './ipc-sender-policy';
import type { Logger } from './logger';
import { describeZodError } from './schemas';

/** The part of Electron's IpcMainInvokeEvent we read. */
export interface IpcInvokeEventLike {
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcInvokeEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

export interface HandlerContext {
  scope: SenderScope;
  senderUrl: string;
}

export type IpcHandler<C extends IpcChannel> = (payload: IpcRequest<C>, context: HandlerContext) => IpcResponse<C> | Promise<IpcResponse<C>>;

export interface IpcRouter {
  handle<C extends IpcChannel>(channel: C, handler: IpcHandler<C>): void;
  dispose(): void;
}

/** Thrown by handlers for an expected refusal; its message goes to the page as is. */
export class IpcRefusal extends Error {}

function failure(code: IpcErrorCode, message: string): IpcResult<never> {
  return { ok: false, error: { code, message } };
}

function senderFrameOf(event: IpcInvokeEventLike): SenderFrame | null {
  try {
    const frame = event.senderFrame;
    return frame ? { url: frame.url, isMainFrame: frame.parent === null } : null;
  } catch {
    return null; // the frame navigated away or was destroyed
  }
}

export function createIpcRouter(ipc: IpcMainLike, trustedSenders: () => TrustedSenders, log: Logger): IpcRouter {
  const registered = new Set<string>();
  return {
    handle(channel, handler) {
      if (registered.has(channel)) throw new Error(`IPC handler for ${channel} registered twice`);
      registered.add(channel);
      ipc.handle(channel, async (event, ...args): Promise<IpcResult<unknown>> => {
        const frame = senderFrameOf(event);
        const scope = classifySender(frame, trustedSenders());
        if (!isSenderAllowed(channel, scope)) {
          log.warn('ipc: rejected sender', { channel, sender: frame?.url ?? null, mainFrame: frame?.isMainFrame ?? null });
          return failure('forbidden', `sender not allowed for ${channel}`);
        }
        if (args.length > 1) return failure('invalid-payload', `${channel} takes at most one argument`);
        const parsed = IPC_REQUEST_SCHEMAS[channel].safeParse(args[0]);
        if (!parsed.success) return failure('invalid-payload', describeZodError(parsed.error));
        try {
          const value = await handler(parsed.data as IpcRequest<typeof channel>, { scope: scope!, senderUrl: frame!.url });
          return { ok: true, value };
        } catch (err) {
          if (err instanceof IpcRefusal) return failure('failed', err.message);
          log.error('ipc: handler failed', { channel, error: String((err as Error)?.stack ?? err) });
          return failure('failed', `${channel} failed`);
        }
      });
    },
    dispose() {
      for (const channel of registered) ipc.removeHandler(channel);
      registered.clear();
    },
  };
}
