import { describe, expect, it } from 'vitest';
import { isAuthFault, readSoapReply } from './onvif-soap';
import { XmlRejected } from './safe-xml';
import { onvifFixture } from './test-fixtures';
import { pinToDevice } from './onvif-event-client';
import {
  EVENT_REQUESTS,
  classifyTopic,
  extractEventsXAddrFromCapabilities,
  extractEventsXAddrFromServices,
  extractPullMessages,
  extractRenew,
  extractSubscription,
} from './onvif-event-messages';

/** The Body of a fixture reply (tests/fixtures/onvif/, hand-written in the vendors' formats). */
function body(path: string) {
  const r = readSoapReply(onvifFixture(path));
  if (r.kind !== 'body') throw new Error(`${path} is a fault`);
  return r;
}

describe('events service address', () => {
  it('comes from GetServices by namespace, else from GetCapabilities', () => {
    expect(extractEventsXAddrFromServices(body('hikvision/get-services.xml'))).toBe('http://192.168.1.64/onvif/Events');
    expect(extractEventsXAddrFromCapabilities(body('hikvision/get-capabilities.xml'))).toBe('http://192.168.1.64/onvif/Events');
    expect(extractEventsXAddrFromCapabilities(body('dahua/get-capabilities.xml'))).toBe('http://192.168.1.108/onvif/event_service');
  });

  it('is null when the device lists no events service or no PullPoint support', () => {
    const caps = onvifFixture('dahua/get-capabilities.xml').replace('<tt:WSPullPointSupport>true</tt:WSPullPointSupport>', '<tt:WSPullPointSupport>false</tt:WSPullPointSupport>');
    const r = readSoapReply(caps);
    expect(r.kind === 'body' && extractEventsXAddrFromCapabilities(r)).toBeNull();
    const services = onvifFixture('hikvision/get-services.xml').replace('<tds:Namespace>http://www.onvif.org/ver10/events/wsdl</tds:Namespace>', '<tds:Namespace>http://example.invalid/none</tds:Namespace>');
    const s = readSoapReply(services);
    expect(s.kind === 'body' && extractEventsXAddrFromServices(s)).toBeNull();
  });

  it('reported addresses are pinned to the host and port the device service answered on', () => {
    expect(pinToDevice('http://192.168.1.64/onvif/Events/PullSubManager_1', 'http://10.20.30.40:8081/onvif/device_service')).toBe('http://10.20.30.40:8081/onvif/Events/PullSubManager_1');
    expect(pinToDevice('http://192.168.1.108/onvif/Subscription?Idx=6', 'http://10.0.0.9:80/onvif/device_service')).toBe('http://10.0.0.9/onvif/Subscription?Idx=6');
    expect(() => pinToDevice('ftp://x/y', 'http://10.0.0.9/onvif/device_service')).toThrow(/unusable address/);
  });
});

describe('subscription replies', () => {
  it('Hikvision: CreatePullPointSubscriptionResponse address and lifetime (device clock stamps)', () => {
    expect(extractSubscription(body('hikvision/create-pull-point-subscription.xml'))).toEqual({
      address: 'http://192.168.1.64/onvif/Events/PullSubManager_2024-03-18T06:41:05Z_3',
      currentTime: Date.parse('2024-03-18T06:41:05Z'),
      terminationTime: Date.parse('2024-03-18T06:42:05Z'),
      lifetimeMs: 60_000,
    });
  });

  it('Dahua: a query-string subscription reference; RenewResponse with TerminationTime before CurrentTime', () => {
    expect(extractSubscription(body('dahua/create-pull-point-subscription.xml'))).toMatchObject({ address: 'http://192.168.1.108/onvif/Subscription?Idx=6', lifetimeMs: 60_000 });
    expect(extractRenew(body('dahua/renew.xml'))).toMatchObject({ lifetimeMs: 60_000 });
  });

  it('a forgotten subscription is a SOAP fault, not an authorisation one', () => {
    const r = readSoapReply(onvifFixture('hikvision/fault-resource-unknown.xml'));
    expect(r).toMatchObject({ kind: 'fault', fault: { code: 'Sender', subcodes: ['InvalidArgVal', 'ResourceUnknown'] } });
    expect(r.kind === 'fault' && isAuthFault(r.fault)).toBe(false);
  });

  it('refuses the wrong response', () => {
    expect(() => extractSubscription(body('hikvision/pull-messages-empty.xml'))).toThrow(XmlRejected);
    expect(() => extractPullMessages(body('hikvision/create-pull-point-subscription.xml'))).toThrow(/expected PullMessagesResponse/);
  });
});

describe('notifications', () => {
  it('Hikvision: cell motion (IsMotion) and MotionAlarm (State), an ignored digital input, tamper back to false', () => {
    const r = extractPullMessages(body('hikvision/pull-messages-motion.xml'));
    expect(r.lifetimeMs).toBe(45_000);
    expect(r.notifications.map((n) => [n.topic, n.kind, n.state, n.propertyOperation, n.source])).toEqual([
      ['tns1:RuleEngine/CellMotionDetector/Motion', 'motion', true, 'Changed', 'VideoSourceToken'],
      ['tns1:VideoSource/MotionAlarm', 'motion', true, 'Changed', 'VideoSource_1'],
      ['tns1:Device/Trigger/DigitalInput', null, null, 'Changed', 'AlarmIn_1'],
      ['tns1:VideoSource/GlobalSceneChange/ImagingService', 'tamper', false, 'Changed', 'VideoSource_1'],
    ]);
    expect(r.notifications[0]!.utcTime).toBe(Date.parse('2024-03-18T06:41:19Z'));
  });

  it('Dahua: an Initialized motion state, TamperDetector (IsTamper) and GlobalSceneChange/AnalyticsService', () => {
    const r = extractPullMessages(body('dahua/pull-messages-tamper.xml'));
    expect(r.notifications.map((n) => [n.kind, n.state, n.propertyOperation])).toEqual([
      ['motion', false, 'Initialized'],
      ['tamper', true, 'Changed'],
      ['tamper', true, 'Changed'],
    ]);
    expect(r.notifications[1]!.utcTime).toBe(Date.parse('2024-03-18T14:41:09Z'));
  });

  it('an empty long poll has no notifications', () => {
    expect(extractPullMessages(body('hikvision/pull-messages-empty.xml')).notifications).toEqual([]);
  });

  it('classifies topics whatever the prefix', () => {
    expect(classifyTopic('ns2:VideoSource/MotionAlarm')).toBe('motion');
    expect(classifyTopic('VideoSource/MotionAlarm')).toBe('motion');
    expect(classifyTopic('tns1:RuleEngine/MotionRegionDetector/Motion')).toBe('motion');
    expect(classifyTopic('tns1:VideoSource/GlobalSceneChange/RecordingService')).toBe('tamper');
    expect(classifyTopic('tns1:VideoSource/ImageTooDark/ImagingService')).toBeNull();
    expect(classifyTopic('tns1:Monitoring/ProcessorUsage')).toBeNull();
  });

  it('reads values with entities decoded once, and refuses hostile replies', () => {
    const xml = onvifFixture('hikvision/pull-messages-motion.xml').replace('Value="VideoSource_1"', 'Value="a&amp;lt;b"');
    const r = readSoapReply(xml);
    expect(r.kind === 'body' && extractPullMessages(r).notifications[1]!.source).toBe('a&lt;b');
    expect(() => readSoapReply(onvifFixture('hostile/doctype-entity-expansion.xml'))).toThrow(/DOCTYPE/);
    const withEntity = onvifFixture('hikvision/pull-messages-motion.xml').replace('<?xml version="1.0" encoding="UTF-8"?>', '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "true">]>');
    expect(() => readSoapReply(withEntity)).toThrow(XmlRejected);
  });

  it('request bodies ask for a duration, a timeout and a limit', () => {
    expect(EVENT_REQUESTS.createPullPointSubscription(60)).toContain('<tev:InitialTerminationTime>PT60S</tev:InitialTerminationTime>');
    expect(EVENT_REQUESTS.pullMessages(10, 64)).toContain('<tev:Timeout>PT10S</tev:Timeout><tev:MessageLimit>64</tev:MessageLimit>');
    expect(EVENT_REQUESTS.renew(60)).toContain('<wsnt:TerminationTime>PT60S</wsnt:TerminationTime>');
  });
});
