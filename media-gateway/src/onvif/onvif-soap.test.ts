import { describe, expect, it } from 'vitest';
import { buildEnvelope, isAuthFault, passwordDigest, readSoapReply, usernameToken } from './onvif-soap';
import { parseSafeXml, path, text } from './safe-xml';
import { onvifFixture } from './test-fixtures';

describe('WS-Security UsernameToken', () => {
  it('matches the PasswordDigest example of the ONVIF Application Programmer’s Guide', () => {
    const nonce = Buffer.from('LKqI6G/AikKCQrN0zqZFlg==', 'base64');
    expect(passwordDigest(nonce, '2010-09-16T07:50:45Z', 'userpassword')).toBe('tuOSpGlFlIXsozq4HFNeeGeFLEI=');
  });

  it('stamps Created on the given (device) clock, whole seconds, and puts the token in the header', () => {
    const t = usernameToken('admin', 'pw', new Date('2024-03-18T06:41:05.678Z'), Buffer.alloc(16, 1));
    expect(t.created).toBe('2024-03-18T06:41:05Z');
    expect(t.nonceBase64).toBe(Buffer.alloc(16, 1).toString('base64'));
    const doc = parseSafeXml(buildEnvelope('<tds:GetDeviceInformation/>', t));
    const ut = path(doc, 'Envelope', 'Header', 'Security', 'UsernameToken');
    expect(text(path(ut, 'Username'))).toBe('admin');
    expect(text(path(ut, 'Password'))).toBe(passwordDigest(Buffer.alloc(16, 1), t.created, 'pw'));
    expect(text(path(ut, 'Created'))).toBe(t.created);
  });

  it('escapes the username', () => {
    const t = usernameToken('a<b>&"c', 'pw', new Date(0));
    expect(buildEnvelope('<x/>', t)).toContain('<wsse:Username>a&lt;b&gt;&amp;&quot;c</wsse:Username>');
  });
});

describe('readSoapReply', () => {
  it('returns the Body element of a reply', () => {
    const r = readSoapReply(onvifFixture('hikvision/get-device-information.xml'));
    expect(r.kind === 'body' && r.name).toBe('GetDeviceInformationResponse');
  });

  it('reads SOAP 1.2 faults and recognises the authorisation ones', () => {
    for (const vendor of ['hikvision', 'dahua']) {
      const r = readSoapReply(onvifFixture(`${vendor}/fault-not-authorized.xml`));
      expect(r.kind).toBe('fault');
      if (r.kind !== 'fault') continue;
      expect(r.fault.code).toBe('Sender');
      expect(r.fault.subcodes).toEqual(['NotAuthorized']);
      expect(isAuthFault(r.fault)).toBe(true);
    }
    const other = readSoapReply(onvifFixture('hikvision/fault-action-not-supported.xml'));
    expect(other).toMatchObject({ kind: 'fault', fault: { code: 'Receiver', subcodes: ['ActionNotSupported'], reason: 'Optional Action Not Implemented' } });
    if (other.kind === 'fault') expect(isAuthFault(other.fault)).toBe(false);
  });

  it('refuses non-envelopes and hostile replies', () => {
    expect(() => readSoapReply('<html><body>401</body></html>')).toThrow(/not a SOAP envelope/);
    expect(() => readSoapReply(onvifFixture('hostile/doctype-entity-expansion.xml'))).toThrow(/DOCTYPE/);
    expect(() => readSoapReply('<s:Envelope xmlns:s="x"><s:Body></s:Body></s:Envelope>')).toThrow(/empty SOAP Body/);
  });
});
