// The file a tile snapshot is saved as: `快照-<camera>-<YYYYMMDD-HHmmss>.jpg` (local time), safe on every OS.

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Local time as YYYYMMDD-HHmmss. */
export function fileTimestamp(date: Date): string {
  return `${date.getFullYear()}${pad(date.getMonth() + 1)}${pad(date.getDate())}-${pad(date.getHours())}${pad(date.getMinutes())}${pad(date.getSeconds())}`;
}

/** A camera name usable in a file name: no path separators, reserved or control characters, at most 60 characters. */
export function safeFilePart(name: string): string {
  // eslint-disable-next-line no-control-regex
  const cleaned = name.replace(/[\\/:*?"<>|\u0000-\u001f\u007f]+/g, '_').replace(/\s+/g, ' ').trim().replace(/^\.+/, '');
  return cleaned.slice(0, 60) || 'camera';
}

export function snapshotFileName(prefix: string, cameraName: string, date: Date): string {
  return `${prefix}-${safeFilePart(cameraName)}-${fileTimestamp(date)}.jpg`;
}
