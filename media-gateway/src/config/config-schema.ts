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
      })
      .strict()
      .prefault({}),
    health: z
      .object({
        enabled: z.boolean().default(true),
        intervalSec: z.number().int().min(5).max(3600).default(60),
        concurrency: z.number().int().min(1).max(256).default(32),
        timeoutMs: z.number().int().min(500).max(30_000).default(4000),
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
        sessionTtlSec: z.number().int().min(60).max(7 * 24 * 3600).default(12 * 3600),
        hlsTokenTtlSec: z.number().int().min(30).max(24 * 3600).default(300),
      })
      .strict()
      .prefault({}),
  })
  .strict();

export type GatewayConfig = z.infer<typeof configSchema>;
export type GatewayConfigInput = z.input<typeof configSchema>;
