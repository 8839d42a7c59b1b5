import { z } from 'zod';

/**
 * Topics a console can subscribe to over the one WebSocket. `wall:<id>` carries commands for one wall; `discovery`
 * carries ONVIF scan progress (DiscoveryProgress from discovery.ts);
 * `alarms` carries AlarmTopicEvent (alarm.ts).
 * `incidents` carries IncidentTopicEvent (incident.ts).
 */
export const FIXED_TOPICS = ['streams', 'cameras', 'discovery', 'alarms', 'incidents'] as const;
export const topicSchema = z.union([z.enum(FIXED_TOPICS), z.string().regex(/^wall:[A-Za-z0-9_-]{1,64}$/)]);

export const clientMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('subscribe'), topics: z.array(topicSchema).min(1).max(20), since: z.number().int().min(0).optional() }).strict(),
  z.object({ type: z.literal('ping') }).strict(),
]);
export type ClientMessage = z.infer<typeof clientMessageSchema>;

export type ServerMessage =
  | { type: 'hello'; seq: number }
  | { type: 'event'; seq: number; topic: string; at: string; data: unknown }
  /** The replay buffer no longer reaches the requested sequence: reload state over REST. */
  | { type: 'resync'; seq: number }
  | { type: 'error'; message: string }
  | { type: 'pong' };
