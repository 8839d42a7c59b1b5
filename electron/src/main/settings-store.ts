/**
 * The shell's settings: one small JSON file in app.getPath('userData'), validated with zod on read and before every
 * write, written atomically (temp file in the same directory, fsync, rename, fsync the directory), so a power cut
 * leaves either the old or the new file, never half of one. A file that does not parse or validate is kept aside as
 * `settings.json.corrupt-<time>` and the shell starts from defaults (the first-start flow runs again).
 */
import { randomBytes } from 'node:crypto';
import * as nodeFs from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Logger } from './logger';
import { defaultSettings, describeZodError, settingsSchema, type Settings } from './schemas';

export type FsLike = Pick<typeof nodeFs, 'openSync' | 'writeSync' | 'fsyncSync' | 'closeSync' | 'renameSync' | 'unlinkSync' | 'mkdirSync'>;

export class SettingsValidationError extends Error {}

export function writeFileAtomic(file: string, data: string, fs: FsLike = nodeFs): void {
  const dir = dirname(file);
  fs.mkdirSync(dir, { recursive: true });
  const tmp = join(dir, `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let fd: number | null = null;
  try {
    fd = fs.openSync(tmp, 'w', 0o600);
    fs.writeSync(fd, data);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = null;
    fs.renameSync(tmp, file);
  } catch (err) {
    if (fd !== null) {
      try {
        fs.closeSync(fd);
      } catch {
        // already failing
      }
    }
    try {
      fs.unlinkSync(tmp);
    } catch {
      // never created
    }
    throw err;
  }
  // Make the rename itself durable. Directories cannot be opened for fsync on Windows; the rename is still atomic.
  try {
    const dirFd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(dirFd);
    } finally {
      fs.closeSync(dirFd);
    }
  } catch {
    // best effort
  }
}

export type LoadResult = { settings: Settings; status: 'loaded' | 'missing' } | { settings: Settings; status: 'corrupt'; problem: string };

export function loadSettingsFile(file: string): LoadResult {
  let text: string;
  try {
    text = nodeFs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { settings: defaultSettings(), status: 'missing' };
    throw err;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { settings: defaultSettings(), status: 'corrupt', problem: `not JSON: ${(err as Error).message}` };
  }
  const parsed = settingsSchema.safeParse(json);
  if (!parsed.success) return { settings: defaultSettings(), status: 'corrupt', problem: describeZodError(parsed.error) };
  return { settings: parsed.data, status: 'loaded' };
}

export interface SettingsStore {
  readonly file: string;
  get(): Settings;
  /** Validates the result, writes it atomically, then makes it current; throws (and changes nothing) if invalid. */
  update(change: (current: Settings) => Settings): Settings;
}

export function openSettingsStore(file: string, log: Logger, fs: FsLike = nodeFs): SettingsStore {
  const loaded = loadSettingsFile(file);
  if (loaded.status === 'corrupt') {
    const aside = `${file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    try {
      fs.renameSync(file, aside);
    } catch {
      // leave it; it is rewritten on the first save
    }
    log.warn('settings: invalid file kept aside, starting from defaults', { file, aside, problem: loaded.problem });
  }
  let current = loaded.settings;
  return {
    file,
    get: () => structuredClone(current),
    update(change) {
      const parsed = settingsSchema.safeParse(change(structuredClone(current)));
      if (!parsed.success) throw new SettingsValidationError(describeZodError(parsed.error));
      writeFileAtomic(file, `${JSON.stringify(parsed.data, null, 2)}\n`, fs);
      current = parsed.data;
      return structuredClone(current);
    },
  };
}
