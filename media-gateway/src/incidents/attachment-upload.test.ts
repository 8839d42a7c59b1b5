import { describe, expect, it } from 'vitest';
import { checkUpload, firstMultipartFile, readUpload, sniffContentType } from './attachment-upload';

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4]);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]);
const PDF = Buffer.from('%PDF-1.4\n%%EOF\n');

const status = (fn: () => unknown) => {
  try {
    fn();
    return 0;
  } catch (e) {
    return (e as { statusCode: number }).statusCode;
  }
};

describe('attachment uploads', () => {
  it('recognises JPEG, PNG and PDF by their signature', () => {
    expect(sniffContentType(JPEG)).toBe('image/jpeg');
    expect(sniffContentType(PNG)).toBe('image/png');
    expect(sniffContentType(PDF)).toBe('application/pdf');
    expect(sniffContentType(Buffer.from('MZ\x90\x00'))).toBeNull();
  });

  it('refuses other types, mismatched content, empty and oversized files', () => {
    expect(checkUpload('image/jpeg', JPEG, 100).contentType).toBe('image/jpeg');
    expect(status(() => checkUpload('application/octet-stream', JPEG, 100))).toBe(415);
    expect(status(() => checkUpload('application/pdf', JPEG, 100))).toBe(415);
    expect(status(() => checkUpload('image/png', Buffer.alloc(0), 100))).toBe(400);
    expect(status(() => checkUpload('image/jpeg', JPEG, 4))).toBe(413);
  });

  it('takes the first file part of a multipart form and ignores its file name', () => {
    const body = Buffer.concat([
      Buffer.from('--XyZ\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n'),
      Buffer.from('--XyZ\r\nContent-Disposition: form-data; name="file"; filename="../../etc/passwd.png"\r\nContent-Type: image/png\r\n\r\n'),
      PNG,
      Buffer.from('\r\n--XyZ--\r\n'),
    ]);
    const f = firstMultipartFile(body, 'multipart/form-data; boundary=XyZ');
    expect(f?.contentType).toBe('image/png');
    expect(f?.data.equals(PNG)).toBe(true);
    expect(readUpload(body, 'multipart/form-data; boundary="XyZ"', 1000)).toMatchObject({ contentType: 'image/png' });
    expect(firstMultipartFile(Buffer.from('--XyZ\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--XyZ--\r\n'), 'multipart/form-data; boundary=XyZ')).toBeNull();
    expect(status(() => readUpload(body, 'multipart/form-data', 1000))).toBe(400);
  });

  it('takes a raw body with its content type', () => {
    expect(readUpload(PDF, 'application/pdf', 1000).contentType).toBe('application/pdf');
    expect(status(() => readUpload({ a: 1 }, 'application/json', 1000))).toBe(415);
  });
});
