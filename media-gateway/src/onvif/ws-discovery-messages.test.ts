import { describe, expect, it } from 'vitest';
import { parseSafeXml, path, text } from './safe-xml';
import { buildProbe, isVideoDevice, newMessageId, parseProbeMatches, scopeValue } from './ws-discovery-messages';
import { onvifFixture } from './test-fixtures';

describe('WS-Discovery messages', () => {
  it('builds a Probe with a fresh MessageID and the requested type', () => {
    const a = newMessageId();
    const b = newMessageId();
    expect(a).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(a).not.toBe(b);
    const doc = parseSafeXml(buildProbe(a));
    expect(text(path(doc, 'Envelope', 'Header', 'MessageID'))).toBe(a);
    expect(text(path(doc, 'Envelope', 'Header', 'Action'))).toBe('http://schemas.xmlsoap.org/ws/2005/04/discovery/Probe');
    expect(text(path(doc, 'Envelope', 'Body', 'Probe', 'Types'))).toBe('dn:NetworkVideoTransmitter');
    expect(text(path(parseSafeXml(buildProbe(b, 'device')), 'Envelope', 'Body', 'Probe', 'Types'))).toBe('tds:Device');
  });

  it('parses a Hikvision-style ProbeMatch', () => {
    const r = parseProbeMatches(onvifFixture('hikvision/probe-match.xml'));
    expect(r.relatesTo).toBe('urn:uuid:0a6dc791-2be6-4991-9af1-454778a1917a');
    expect(r.rejected).toEqual([]);
    expect(r.matches).toHaveLength(1);
    const m = r.matches[0]!;
    expect(m.uuid).toBe('urn:uuid:544f4e56-4944-4f4e-5643-c056e3000001');
    expect(m.xaddrs).toEqual(['http://192.168.1.64/onvif/device_service', 'http://[fe80::c256:e3ff:fe00:1]/onvif/device_service']);
    expect(m.types).toEqual(['NetworkVideoTransmitter', 'Device']);
    expect(m.metadataVersion).toBe('10');
    expect(scopeValue(m.scopes, 'name')).toBe('HIKVISION DS-2CD2T47G2-L');
    expect(scopeValue(m.scopes, 'hardware')).toBe('DS-2CD2T47G2-L');
    expect(scopeValue(m.scopes, 'location')).toBe('city/hangzhou');
    expect(isVideoDevice(m)).toBe(true);
  });

  it('parses a Dahua-style ProbeMatch (uuid: address, no location beyond country)', () => {
    const m = parseProbeMatches(onvifFixture('dahua/probe-match.xml')).matches[0]!;
    expect(m.uuid).toBe('uuid:9c1b8a4e-0000-4000-8000-3cef8c000001');
    expect(m.xaddrs).toEqual(['http://192.168.1.108/onvif/device_service']);
    expect(scopeValue(m.scopes, 'name')).toBe('Dahua');
    expect(scopeValue(m.scopes, 'location')).toBe('country/china');
  });

  it('leaves out a ProbeMatch without XAddrs, with the reason', () => {
    const r = parseProbeMatches(onvifFixture('hostile/probe-match-no-xaddrs.xml'));
    expect(r.matches).toEqual([]);
    expect(r.rejected).toEqual(['ProbeMatch without XAddrs']);
  });

  it('refuses hostile datagrams', () => {
    expect(() => parseProbeMatches(onvifFixture('hostile/doctype-external-entity.xml'))).toThrow(/DOCTYPE/);
    expect(() => parseProbeMatches('<a>')).toThrow(/malformed/);
    expect(() => parseProbeMatches(buildProbe(newMessageId()))).toThrow(/not a ProbeMatches message/);
    expect(() => parseProbeMatches(Buffer.alloc(70 * 1024, 0x20))).toThrow(/too large/);
  });

  it('tells video devices from other WS-Discovery answers', () => {
    const base = { uuid: 'u', xaddrs: ['http://x/'], scopes: [], metadataVersion: null };
    expect(isVideoDevice({ ...base, types: ['Device'] })).toBe(true);
    expect(isVideoDevice({ ...base, types: [] })).toBe(true);
    expect(isVideoDevice({ ...base, types: ['PrintDeviceType'] })).toBe(false);
  });
});
