import pino, { type Logger } from 'pino';
import { LogFileStream } from './log-file-stream';

export type { Logger };

/**
 * One logger for the process. Redaction is a safety net: code must still never hand secrets to the logger
 * (RTSP URLs are masked with maskUrlCredentials before they get here).
 */
export function createLogger(opts: { level: string; destination?: pino.DestinationStream }): Logger {
  return pino(
    {
      level: opts.level,
      base: { svc: 'media-gateway' },
      redact: {
        paths: [
          'password',
          '*.password',
          'req.headers.authorization',
          'req.headers.cookie',
          'res.headers["set-cookie"]',
          'token',
          '*.token',
          'req.query.token',
        ],
        censor: '[redacted]',
      },
      serializers: {
        // URLs carry HLS tokens in the query string: log the path only.
        req: (req: { method?: string; url?: string; ip?: string }) => ({
          method: req.method,
          url: stripQuery(req.url ?? ''),
          ip: req.ip,
        }),
      },
    },
    opts.destination,
  );
}

export function stripQuery(url: string): string {
  const i = url.indexOf('?');
  return i === -1 ? url : url.slice(0, i);
}

/**
 * The service's own log: everything at the configured level into a file under the data dir, warnings and errors
 * also on the console, so an operator starting it sees problems without JSON scrolling past.
 */
export function fileAndConsoleDestination(file: string, level: string): pino.DestinationStream {
  // The file stream drops (and counts) lines while the disk is full instead of ending the process; the console is apart.
  const fileStream = LogFileStream.open(file, { warn: (text) => void process.stderr.write(`${text}\n`) });
  return pino.multistream([
    { level: level as pino.Level, stream: fileStream },
    { level: 'warn', stream: process.stderr },
  ]);
}
