import { z } from 'zod';
import type { AlarmTopicEvent } from './alarm';
import type { CameraStatus, StreamProfile } from './camera';
import type { DiscoveryProgress } from './discovery';
import type { IncidentTopicEvent } from './incident';
import type { LayoutDto, TourDto, WallCommand } from './layout';
import type { CameraReasonCode, PipelineStatus, StreamVideo } from './stream-status';

/**
 * Topics a console can subscribe to over the one WebSocket: the fixed ones below and `wall:<id>` (commands for one
 * wall). What each carries is TopicPayloads; a topic with more than one shape is a union on `kind`.
 */
export const FIXED_TOPICS = ['streams', 'cameras', 'discovery', 'alarms', 'incidents'] as const;
export const topicSchema = z.union([z.enum(FIXED_TOPICS), z.string().regex(/^wall:[A-Za-z0-9_-]{1,64}$/)]);

export type FixedTopic = (typeof FIXED_TOPICS)[number];
export type WallTopic = `wall:${string}`;
export type Topic = FixedTopic | WallTopic;

/** `streams`: a pipeline's status changed, or the pipeline stopped (nobody watching) and its status is gone. */
export type StreamsTopicEvent =
  | ({ kind: 'status' } & PipelineStatus)
  // `removed: true` predates `kind` and stays on the wire for clients that still read it.
  // `video` names which of the camera/profile's pipelines went (absent from older gateways: `copy`).
  | { kind: 'removed'; cameraId: string; profile: StreamProfile; video?: StreamVideo; removed: true };

/** `cameras`: a camera's observed status or reason changed. */
export interface CameraStatusTopicEvent {
  kind: 'status';
  id: string;
  status: Exclude<CameraStatus, 'unknown'>;
  reasonCode: CameraReasonCode | null;
  /** English fallback of reasonCode (the console translates the code). */
  reason: string | null;
  since: string;
  previous: CameraStatus;
}

/** `cameras`: a camera was created, edited or deleted: the camera list needs a reload. */
export interface CameraInventoryTopicEvent {
  kind: 'created' | 'updated' | 'deleted';
  id: string;
}

export type CamerasTopicEvent = CameraStatusTopicEvent | CameraInventoryTopicEvent;

/**
 * `wall:<id>`: a command, with what the wall needs to follow it without fetching (the layout of show-layout, the
 * tour of start-tour) and, for an alarm rule's command, the alarm and whether it holds the wall's running tour.
 */
export type WallTopicEvent = WallCommand & { by: string; layout?: LayoutDto; tour?: TourDto; alarmId?: string; interruptTour?: boolean };

export interface TopicPayloads {
  streams: StreamsTopicEvent;
  cameras: CamerasTopicEvent;
  /** ONVIF scan progress. */
  discovery: DiscoveryProgress;
  alarms: AlarmTopicEvent;
  incidents: IncidentTopicEvent;
}

export type TopicPayload<T extends Topic> = T extends FixedTopic ? TopicPayloads[T] : WallTopicEvent;

/** One published event of topic T, as the console receives it. */
export interface TopicEnvelope<T extends Topic = Topic> {
  seq: number;
  topic: T;
  at: string;
  data: TopicPayload<T>;
}

/** Any topic's envelope, as a union on `topic` so that checking the topic narrows `data`. */
export type AnyTopicEnvelope = { [K in FixedTopic]: TopicEnvelope<K> }[FixedTopic] | TopicEnvelope<WallTopic>;

export const clientMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('subscribe'), topics: z.array(topicSchema).min(1).max(20), since: z.number().int().min(0).optional() }).strict(),
  z.object({ type: z.literal('ping') }).strict(),
]);
export type ClientMessage = z.infer<typeof clientMessageSchema>;

export type ServerMessage =
  | { type: 'hello'; seq: number }
  | ({ type: 'event' } & AnyTopicEnvelope)
  /** The replay buffer no longer reaches the requested sequence: reload state over REST. */
  | { type: 'resync'; seq: number }
  | { type: 'error'; message: string }
  | { type: 'pong' };
