import { z } from 'zod';

/**
 * Every configuration key of the gateway, with its default. README.md in this folder documents them;
 * keep both in step. Precedence: defaults < config file < environment < command-line flags.
 */
export const configSchema = z
  .object({
    dataDir: z.string().min(1),
    host: z.string().min(1).default('127.0.0.1'),
    port: z.number().int().min(0).max(65535).default(8443),
    http1: z.boolean().default(false),
    logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    tls: z
      .object({ certFile: z.string().min(1), keyFile: z.string().min(1) })
      .strict()
      .nullable()
      .default(null),
    rendererDir: z.string().nullable().default(null),
    db: z
      .object({
        /** The -wal file is checkpointed and truncated this often (0 = only SQLite's own checkpoints, which never shrink it). */
        walCheckpointSec: z.number().min(0).max(86_400).default(300),
        /** How long one write may wait for another process's lock; the wait blocks the event loop, so keep it short. */
        busyTimeoutMs: z.number().int().min(0).max(5000).default(100),
        /** Background writes failing this long (the database locked or unwritable) raise one `storage-fault` alarm. */
        faultAlarmAfterSec: z.number().min(1).max(3600).default(10),
        /** Below this much free space on the data dir's disk a `storage-full` alarm is raised, before writes fail (0 = off). */
        minFreeMb: z.number().min(0).max(1_000_000).default(200),
        /** How often the data dir's free space is measured. */
        freeSpaceCheckSec: z.number().min(0.1).max(3600).default(30),
      })
      .strict()
      .prefault({}),
    http: z
      .object({
        /** Largest request body accepted by any route that does not declare its own limit (CSV import, attachments do). */
        bodyLimitBytes: z.number().int().min(1024).max(64 * 1024 * 1024).default(1024 * 1024),
        /** Origins (scheme://host[:port]) besides the gateway's own that may call the API cross-origin; none by default. */
        allowedOrigins: z.array(z.string().regex(/^https?:\/\/[A-Za-z0-9.[\]:-]+$/, 'must be scheme://host[:port]')).max(32).default([]),
      })
      .strict()
      .prefault({}),
    streams: z
      .object({
        ffmpegPath: z.string().min(1).default('ffmpeg'),
        idleStopSec: z.number().min(1).max(3600).default(30),
        stallTimeoutSec: z.number().min(2).max(120).default(10),
        ioTimeoutSec: z.number().min(1).max(60).default(5),
        backoffInitialMs: z.number().int().min(100).max(60_000).default(1000),
        backoffMaxMs: z.number().int().min(500).max(600_000).default(30_000),
        offlineAfterFailures: z.number().int().min(1).max(100).default(2),
        targetSegmentSec: z.number().min(0.5).max(10).default(1),
        partTargetSec: z.number().min(0.1).max(2).default(0.2),
        lowLatency: z.boolean().default(true),
        maxPipelines: z.number().int().min(1).max(2000).default(200),
        // H.265 → H.264 transcodes at once: ~0.4 core (360p) to ~0.7 core (720p) each in software; 2 on a 2-core box.
        maxTranscodes: z.number().int().min(0).max(500).default(2),
        // auto: a hardware encoder ffmpeg lists and whose device exists (NVENC, QSV, VAAPI), else libx264.
        transcodeEncoder: z.enum(['auto', 'libx264', 'h264_vaapi', 'h264_qsv', 'h264_nvenc']).default('auto'),
        // auto: RTSP H.264/H.265 sources are received in-process (rtsp-client → fmp4-mux), ffmpeg only for transcodes,
        // G.711 audio and unknown inputs; ffmpeg: every pipeline through ffmpeg (the escape hatch for the whole gateway;
        // a camera's own `ingest: 'ffmpeg'` forces it for that camera).
        ingest: z.enum(['auto', 'ffmpeg']).default('auto'),
      })
      .strict()
      .prefault({}),
    cameras: z
      .object({
        /** Probe main and sub stream (ffprobe) when a camera is created or its URIs/credentials change; `?test=` overrides per request. */
        testOnCreate: z.boolean().default(true),
        /** Whole stream test, connect to first frame. */
        testTimeoutSec: z.number().min(2).max(60).default(10),
        ffprobePath: z.string().min(1).default('ffprobe'),
        /** Largest CSV accepted by POST /api/v1/cameras/import (bytes, also for the JSON commit body). */
        importMaxBytes: z.number().int().min(1024).max(50 * 1024 * 1024).default(4 * 1024 * 1024),
        importMaxRows: z.number().int().min(1).max(100_000).default(5000),
        /**
         * Networks (CIDR) stream URLs may point into although loopback or link-local, e.g. the simulator's 127.1.0.0/16
         * or a lab's 169.254.0.0/16 auto-IP cameras. Metadata, unspecified and the gateway's own ports stay refused.
         */
        allowedNetworks: z.array(z.string().regex(/^[0-9A-Fa-f.:]+(\/\d{1,3})?$/, 'must be an address or CIDR range')).max(256).default([]),
      })
      .strict()
      .prefault({}),
    rtmp: z
      .object({
        /** In-process RTMP server for cameras that push (village cameras behind NAT). */
        enabled: z.boolean().default(false),
        /** Listen address; null = the gateway's `host`. */
        host: z.string().min(1).nullable().default(null),
        /** 0 = any free port (tests). */
        port: z.number().int().min(0).max(65535).default(1935),
        /** How cameras reach this server, e.g. rtmp://gw.county.example:1935; null = the API request's host name and `port`. */
        publicUrl: z
          .string()
          .regex(/^rtmp:\/\/[A-Za-z0-9.[\]:-]+$/, 'must be rtmp://host[:port] without a path')
          .nullable()
          .default(null),
        maxConnections: z.number().int().min(1).max(10_000).default(1000),
        /** Connections not yet publishing (handshake, connect) at once; the surplus is closed on accept. */
        maxUnauthenticated: z.number().int().min(1).max(10_000).default(256),
        /** The same, per client address (cameras behind one NAT share one). */
        maxUnauthenticatedPerAddress: z.number().int().min(1).max(10_000).default(16),
        /** A connection that has not published within this time after connecting is closed. */
        authTimeoutSec: z.number().min(1).max(60).default(10),
      })
      .strict()
      .prefault({}),
    recording: z
      .object({
        /** Where recordings are written (may be another volume); null = `<dataDir>/recordings`. */
        root: z.string().min(1).nullable().default(null),
        /** A new file per camera/profile this often (at the next keyframe). */
        fileMinutes: z.number().min(1).max(60).default(10),
        /** An open file's index row is refreshed this often (a crash rebuilds the rest from the file). */
        indexFlushSec: z.number().min(1).max(60).default(5),
        /** Days a camera's recordings are kept by its category (一类/二类/三类点) unless its plan says otherwise. */
        categoryRetentionDays: z
          .object({ '1': z.number().int().min(1).max(3650).default(30), '2': z.number().int().min(1).max(3650).default(15), '3': z.number().int().min(1).max(3650).default(7) })
          .strict()
          .prefault({}),
        /** Days an incident's clips are kept after it is closed (while it is open they are always kept). */
        incidentClipDays: z.number().int().min(0).max(3650).default(180),
        /** All recordings together may take this much (0 = no quota): beyond it the oldest go. */
        maxGb: z.number().min(0).max(1_000_000).default(0),
        /** The recording volume keeps this much free: below it the oldest recordings go (0 = no watermark). */
        minFreeMb: z.number().min(0).max(10_000_000).default(2048),
        /** How often retention runs (also at once when a write finds the volume full). */
        retentionSweepSec: z.number().min(5).max(86_400).default(60),
        /** Time zone of the week grids of scheduled plans (IANA name); null = this machine's. */
        timeZone: z
          .string()
          .refine((tz) => {
            try {
              new Intl.DateTimeFormat('en', { timeZone: tz });
              return true;
            } catch {
              return false;
            }
          }, 'must be an IANA time zone such as Asia/Shanghai')
          .nullable()
          .default(null),
      })
      .strict()
      .prefault({}),
    health: z
      .object({
        enabled: z.boolean().default(true),
        intervalSec: z.number().int().min(5).max(3600).default(60),
        concurrency: z.number().int().min(1).max(256).default(32),
        timeoutMs: z.number().int().min(500).max(30_000).default(4000),
        /** A camera that refused the stored credentials is probed with them at most this often (cameras lock accounts). */
        authRetrySec: z.number().int().min(60).max(86_400).default(3600),
        /** Failed checks in a row before a camera is declared offline (a cold start's slow first answers are not an outage). */
        offlineAfterFailures: z.number().int().min(1).max(10).default(2),
        /** A sweep during which the event loop stalled longer than this declares nobody offline (it measured the gateway). */
        maxEventLoopLagMs: z.number().int().min(50).max(60_000).default(1000),
      })
      .strict()
      .prefault({}),
    alarms: z
      .object({
        /** Repeats of the same camera + type while its alarm is open and last seen within this window bump its count (0 = never coalesce). */
        coalesceWindowSec: z.number().int().min(0).max(86_400).default(300),
        /** Take a JPEG snapshot when a camera alarm is raised and the camera is online. */
        snapshots: z.boolean().default(true),
        snapshotProfile: z.enum(['sub', 'main']).default('sub'),
        /** Snapshots taken at once (each may start a pipeline); more wait in a queue of `snapshotQueue`, beyond it they are skipped. */
        snapshotConcurrency: z.number().int().min(1).max(32).default(4),
        snapshotQueue: z.number().int().min(0).max(10_000).default(200),
        /** A storm of coalesced repeats pushes the alarm's new count at most this often (per alarm). */
        pushThrottleMs: z.number().int().min(0).max(10_000).default(500),
        /** A camera whose status (online/offline) changes more than this many times within `flapWindowSec` is flapping: one `camera-flapping` alarm instead of one per outage. */
        flapThreshold: z.number().int().min(2).max(1000).default(4),
        /** The flap window; a flapping camera's alarm resolves once its status has held this long. */
        flapWindowSec: z.number().int().min(5).max(86_400).default(600),
      })
      .strict()
      .prefault({}),
    onvifEvents: z
      .object({
        /** Follow motion/tamper events of every registered camera with an ONVIF port (PullPoint subscriptions). */
        enabled: z.boolean().default(true),
        /** Long-poll Timeout asked of the camera per PullMessages. */
        pullTimeoutSec: z.number().int().min(1).max(60).default(10),
        /** A pull that comes back empty sooner than this waits out the rest (cameras that do not long-poll). */
        minPullIntervalMs: z.number().int().min(0).max(60_000).default(1000),
        messageLimit: z.number().int().min(1).max(1024).default(64),
        /** Requested subscription lifetime (InitialTerminationTime, Renew). */
        subscriptionSec: z.number().int().min(10).max(3600).default(60),
        /** Renew this long before the subscription ends (at the latest half-way). */
        renewBeforeSec: z.number().int().min(1).max(3600).default(15),
        /** Deadline of a non-polling request (GetServices, CreatePullPointSubscription, Renew). */
        requestTimeoutMs: z.number().int().min(500).max(60_000).default(5000),
        /** Resubscribe after a failure: initial delay, doubling with ±20 % jitter up to the maximum. */
        backoffInitialMs: z.number().int().min(100).max(600_000).default(1000),
        backoffMaxMs: z.number().int().min(500).max(3_600_000).default(60_000),
        /** A camera that offers no PullPoint events is asked again after this long. */
        unsupportedRecheckSec: z.number().int().min(10).max(86_400).default(600),
        /** The cameras table is re-read this often (and shortly after any camera status change). */
        rescanSec: z.number().int().min(1).max(3600).default(30),
        /** Cameras setting up (clock, services, subscribe, renew) at once. */
        setupConcurrency: z.number().int().min(1).max(256).default(16),
        /** Long polls in flight at once; cameras beyond it take turns (≥ camera count for instant events). */
        maxConcurrentPulls: z.number().int().min(1).max(10_000).default(1000),
      })
      .strict()
      .prefault({}),
    incidents: z
      .object({
        /** How often open dispatched/handled incidents past their deadline are marked overdue and supervised (督办). */
        escalationSweepSec: z.number().int().min(1).max(3600).default(60),
        /** Largest attachment (JPEG, PNG, PDF) accepted per upload, in bytes. */
        attachmentMaxBytes: z.number().int().min(1024).max(100 * 1024 * 1024).default(10 * 1024 * 1024),
        /** Local time for incident codes (year) and monthly statistics: minutes east of UTC (China: 480, no DST). */
        utcOffsetMinutes: z.number().int().min(-720).max(840).default(480),
      })
      .strict()
      .prefault({}),
    map: z
      .object({
        /** Intranet GIS tile server, e.g. https://gis.county.local/tiles/{z}/{x}/{y}.png; null = the shipped offline base map only. */
        tileUrl: z
          .string()
          .regex(/^https?:\/\/[^\s]+$/, 'must be an http(s) URL')
          .refine((u) => u.includes('{z}') && u.includes('{x}') && u.includes('{y}'), 'must contain {z}, {x} and {y}')
          .nullable()
          .default(null),
        attribution: z.string().max(200).default(''),
        maxZoom: z.number().int().min(1).max(22).default(18),
      })
      .strict()
      .prefault({}),
    auth: z
      .object({
        /** Absolute session lifetime from login, whatever the activity. */
        sessionTtlSec: z.number().int().min(1).max(7 * 24 * 3600).default(12 * 3600),
        /** A session unused this long ends (idle expiry). */
        sessionIdleSec: z.number().int().min(1).max(7 * 24 * 3600).default(30 * 60),
        hlsTokenTtlSec: z.number().int().min(1).max(24 * 3600).default(300),
        /** Failed logins per username within `lockoutWindowSec` before the username is locked for `lockoutSec` (doubling per repeat, up to `lockoutMaxSec`). */
        lockoutMaxFailures: z.number().int().min(1).max(1000).default(5),
        lockoutWindowSec: z.number().int().min(1).max(86_400).default(15 * 60),
        lockoutSec: z.number().int().min(1).max(86_400).default(15 * 60),
        lockoutMaxSec: z.number().int().min(1).max(7 * 86_400).default(4 * 3600),
        /** Failed logins per client address within `lockoutWindowSec` before attempts from it are slowed (never refused). */
        ipMaxFailures: z.number().int().min(1).max(10_000).default(20),
        /** Longest wait imposed on one login attempt from a slowed address (0.25 s, doubling per further failure). */
        ipDelayMaxSec: z.number().min(0).max(60).default(10),
        /** Shortest password a user may choose (administrators' resets included). */
        passwordMinLength: z.number().int().min(8).max(128).default(10),
      })
      .strict()
      .prefault({}),
  })
  .strict();

export type GatewayConfig = z.infer<typeof configSchema>;
export type GatewayConfigInput = z.input<typeof configSchema>;
