/**
 * Request validation for every channel of the contract. The mapped type makes this table complete: a channel added
 * to IpcContract without a schema here does not compile. Requests from the renderer are untrusted input.
 */
import { z } from 'zod';
import type { IpcChannel, IpcRequest } from '../../../contracts/src/desktop-ipc';
import { alarmWindowPlacementSchema, notificationRequestSchema, wallConfigSchema } from './schemas';

const none = z.undefined();
const gatewayRequest = z.strictObject({ url: z.string().max(2048) });

export const IPC_REQUEST_SCHEMAS: { [C in IpcChannel]: z.ZodType<IpcRequest<C>> } = {
  'app:version': none,
  'settings:get': none,
  'settings:set-gateway': gatewayRequest,
  'setup:submit-gateway': gatewayRequest,
  'displays:list': none,
  'displays:identify': none,
  'wall:get-config': none,
  'wall:set-config': wallConfigSchema,
  'wall:status': none,
  'wall:open': none,
  'wall:close': none,
  'notify:show': notificationRequestSchema,
  'alarm-window:get': none,
  'alarm-window:set': alarmWindowPlacementSchema,
  'alarm-window:raise': none,
};
