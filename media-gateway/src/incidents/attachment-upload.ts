import { ATTACHMENT_CONTENT_TYPES, type AttachmentContentType } from '../../../contracts/src/incident';
import { HttpError } from '../platform/errors';

/**
 * Attachment uploads: the raw file as the body with its content type (image/jpeg, image/png, application/pdf), or a
 * multipart/form-data form with one file part. Only bytes and a type are taken from the client: no file name, no
 * path. The declared type must match the file's signature, so a renamed executable is not stored as a "PDF".
 */

export const EXTENSIONS: Record<AttachmentContentType, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'application/pdf': 'pdf' };

export function isAllowedType(t: string): t is AttachmentContentType {
  return (ATTACHMENT_CONTENT_TYPES as readonly string[]).includes(t);
}

/** The type the bytes say they are (file signature), or null. */
export function sniffContentType(data: Buffer): AttachmentContentType | null {
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  if (data.length >= 8 && data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (data.length >= 5 && data.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  return null;
}

/** 'image/JPEG; charset=x' → 'image/jpeg'. */
export const mediaType = (header: string | undefined): string => (header ?? '').split(';')[0]!.trim().toLowerCase();

export interface UploadedFile {
  contentType: AttachmentContentType;
  data: Buffer;
}

const unsupported = (t: string) => new HttpError(415, 'unsupported_media_type', `attachment type ${t || '(none)'} is not accepted; send ${ATTACHMENT_CONTENT_TYPES.join(', ')}`);

/** Checks an upload's declared type, size and signature. */
export function checkUpload(declaredType: string, data: Buffer, maxBytes: number): UploadedFile {
  if (!isAllowedType(declaredType)) throw unsupported(declaredType);
  if (data.length === 0) throw new HttpError(400, 'bad_request', 'attachment is empty');
  if (data.length > maxBytes) throw new HttpError(413, 'payload_too_large', `attachment is ${data.length} bytes; the limit is ${maxBytes}`);
  const actual = sniffContentType(data);
  if (actual !== declaredType) throw new HttpError(415, 'unsupported_media_type', `attachment declared as ${declaredType} but its content is ${actual ?? 'not a JPEG, PNG or PDF'}`);
  return { contentType: declaredType, data };
}

/**
 * The first part of a multipart/form-data body that carries a file (has a filename or a content type). The part's
 * own file name is ignored. Returns null when there is no such part.
 */
export function firstMultipartFile(body: Buffer, contentTypeHeader: string): { contentType: string; data: Buffer } | null {
  const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentTypeHeader);
  const boundary = (m?.[1] ?? m?.[2])?.trim();
  if (!boundary) throw new HttpError(400, 'bad_request', 'multipart body without a boundary');
  const delimiter = Buffer.from(`--${boundary}`);
  let pos = body.indexOf(delimiter);
  while (pos !== -1) {
    let start = pos + delimiter.length;
    if (body.subarray(start, start + 2).toString('latin1') === '--') return null; // closing delimiter
    if (body.subarray(start, start + 2).toString('latin1') === '\r\n') start += 2;
    const headerEnd = body.indexOf('\r\n\r\n', start);
    if (headerEnd === -1) return null;
    const next = body.indexOf(Buffer.from(`\r\n--${boundary}`), headerEnd + 4);
    if (next === -1) throw new HttpError(400, 'bad_request', 'multipart body is truncated');
    const headers = body.subarray(start, headerEnd).toString('utf8');
    const partType = /^content-type:\s*([^\r\n]+)/im.exec(headers)?.[1];
    const isFile = /filename\*?=/i.test(headers) || partType !== undefined;
    if (isFile) return { contentType: mediaType(partType ?? 'application/octet-stream'), data: body.subarray(headerEnd + 4, next) };
    pos = next + 2;
  }
  return null;
}

/** Turns whatever the route received (raw body or multipart) into a checked file. */
export function readUpload(body: unknown, contentTypeHeader: string | undefined, maxBytes: number): UploadedFile {
  const type = mediaType(contentTypeHeader);
  if (!Buffer.isBuffer(body)) throw unsupported(type);
  if (type === 'multipart/form-data') {
    const file = firstMultipartFile(body, contentTypeHeader ?? '');
    if (!file) throw new HttpError(400, 'bad_request', 'multipart body has no file part');
    return checkUpload(file.contentType, file.data, maxBytes);
  }
  return checkUpload(type, body, maxBytes);
}
