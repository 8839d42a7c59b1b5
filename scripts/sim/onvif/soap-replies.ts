/**
 * The simulated devices' SOAP replies, written the way the two common Chinese vendor families write them:
 * Hikvision-like (`SOAP-ENV:` envelope with a long namespace list, tokens Profile_1…) and Dahua-like (`env:`
 * envelope, tokens MediaProfile00000…). Pure string building; every inserted value is escaped.
 */
import type { OnvifIdentity, VendorStyle } from './onvif-identity';

export const esc = (s: string): string =>
  s.replace(/[<>&"']/g, (c) => `&${({ '<': 'lt', '>': 'gt', '&': 'amp', '"': 'quot', "'": 'apos' } as Record<string, string>)[c]};`);

const NAMESPACES =
  'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema" ' +
  'xmlns:wsa="http://www.w3.org/2005/08/addressing" xmlns:tt="http://www.onvif.org/ver10/schema" ' +
  'xmlns:tds="http://www.onvif.org/ver10/device/wsdl" xmlns:trt="http://www.onvif.org/ver10/media/wsdl" ' +
  'xmlns:tptz="http://www.onvif.org/ver20/ptz/wsdl" xmlns:ter="http://www.onvif.org/ver10/error"';

const envPrefix = (style: VendorStyle): string => (style === 'hik' ? 'SOAP-ENV' : 'env');

export function envelope(style: VendorStyle, body: string): string {
  const p = envPrefix(style);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${p}:Envelope xmlns:${p}="http://www.w3.org/2003/05/soap-envelope" ${NAMESPACES}><${p}:Header></${p}:Header><${p}:Body>${body}</${p}:Body></${p}:Envelope>\n`;
}

export function fault(style: VendorStyle, code: 'Sender' | 'Receiver', subcode: string, reason: string): string {
  const p = envPrefix(style);
  return envelope(
    style,
    `<${p}:Fault><${p}:Code><${p}:Value>${p}:${code}</${p}:Value><${p}:Subcode><${p}:Value>${esc(subcode)}</${p}:Value></${p}:Subcode></${p}:Code>` +
      `<${p}:Reason><${p}:Text xml:lang="en">${esc(reason)}</${p}:Text></${p}:Reason></${p}:Fault>`,
  );
}

export function systemDateAndTime(style: VendorStyle, deviceNow: Date): string {
  const dt = (d: Date) =>
    `<tt:Time><tt:Hour>${d.getUTCHours()}</tt:Hour><tt:Minute>${d.getUTCMinutes()}</tt:Minute><tt:Second>${d.getUTCSeconds()}</tt:Second></tt:Time>` +
    `<tt:Date><tt:Year>${d.getUTCFullYear()}</tt:Year><tt:Month>${d.getUTCMonth() + 1}</tt:Month><tt:Day>${d.getUTCDate()}</tt:Day></tt:Date>`;
  const local = new Date(deviceNow.getTime() + 8 * 3600_000); // China Standard Time
  return envelope(
    style,
    '<tds:GetSystemDateAndTimeResponse><tds:SystemDateAndTime><tt:DateTimeType>Manual</tt:DateTimeType><tt:DaylightSavings>false</tt:DaylightSavings>' +
      `<tt:TimeZone><tt:TZ>${style === 'hik' ? 'CST-8:00:00' : 'GMT-08:00'}</tt:TZ></tt:TimeZone>` +
      `<tt:UTCDateTime>${dt(deviceNow)}</tt:UTCDateTime><tt:LocalDateTime>${dt(local)}</tt:LocalDateTime>` +
      '</tds:SystemDateAndTime></tds:GetSystemDateAndTimeResponse>',
  );
}

export function deviceInformation(id: OnvifIdentity): string {
  return envelope(
    id.style,
    `<tds:GetDeviceInformationResponse><tds:Manufacturer>${esc(id.manufacturer)}</tds:Manufacturer><tds:Model>${esc(id.model)}</tds:Model>` +
      `<tds:FirmwareVersion>${esc(id.firmware)}</tds:FirmwareVersion><tds:SerialNumber>${esc(id.serial)}</tds:SerialNumber>` +
      `<tds:HardwareId>${esc(id.hardwareId)}</tds:HardwareId></tds:GetDeviceInformationResponse>`,
  );
}

export interface ServiceUrls {
  device: string;
  media: string;
  ptz: string | null;
}

export function capabilities(id: OnvifIdentity, urls: ServiceUrls): string {
  return envelope(
    id.style,
    '<tds:GetCapabilitiesResponse><tds:Capabilities>' +
      `<tt:Device><tt:XAddr>${esc(urls.device)}</tt:XAddr><tt:Network><tt:IPFilter>true</tt:IPFilter><tt:ZeroConfiguration>false</tt:ZeroConfiguration><tt:IPVersion6>false</tt:IPVersion6><tt:DynDNS>true</tt:DynDNS></tt:Network>` +
      '<tt:System><tt:DiscoveryResolve>false</tt:DiscoveryResolve><tt:DiscoveryBye>true</tt:DiscoveryBye><tt:RemoteDiscovery>false</tt:RemoteDiscovery><tt:SystemBackup>false</tt:SystemBackup><tt:SystemLogging>false</tt:SystemLogging><tt:FirmwareUpgrade>true</tt:FirmwareUpgrade>' +
      '<tt:SupportedVersions><tt:Major>2</tt:Major><tt:Minor>60</tt:Minor></tt:SupportedVersions></tt:System>' +
      '<tt:Security><tt:TLS1.1>false</tt:TLS1.1><tt:TLS1.2>false</tt:TLS1.2><tt:OnboardKeyGeneration>false</tt:OnboardKeyGeneration><tt:AccessPolicyConfig>false</tt:AccessPolicyConfig><tt:X.509Token>false</tt:X.509Token><tt:SAMLToken>false</tt:SAMLToken><tt:KerberosToken>false</tt:KerberosToken><tt:RELToken>false</tt:RELToken></tt:Security></tt:Device>' +
      `<tt:Events><tt:XAddr>${esc(urls.device.replace(/device_service$/, 'Events'))}</tt:XAddr><tt:WSSubscriptionPolicySupport>true</tt:WSSubscriptionPolicySupport><tt:WSPullPointSupport>true</tt:WSPullPointSupport><tt:WSPausableSubscriptionManagerInterfaceSupport>false</tt:WSPausableSubscriptionManagerInterfaceSupport></tt:Events>` +
      `<tt:Media><tt:XAddr>${esc(urls.media)}</tt:XAddr><tt:StreamingCapabilities><tt:RTPMulticast>true</tt:RTPMulticast><tt:RTP_TCP>true</tt:RTP_TCP><tt:RTP_RTSP_TCP>true</tt:RTP_RTSP_TCP></tt:StreamingCapabilities></tt:Media>` +
      (urls.ptz ? `<tt:PTZ><tt:XAddr>${esc(urls.ptz)}</tt:XAddr></tt:PTZ>` : '') +
      '</tds:Capabilities></tds:GetCapabilitiesResponse>',
  );
}

export function services(id: OnvifIdentity, urls: ServiceUrls): string {
  const svc = (ns: string, xaddr: string, major: number, minor: number) =>
    `<tds:Service><tds:Namespace>${ns}</tds:Namespace><tds:XAddr>${esc(xaddr)}</tds:XAddr><tds:Version><tt:Major>${major}</tt:Major><tt:Minor>${minor}</tt:Minor></tds:Version></tds:Service>`;
  return envelope(
    id.style,
    '<tds:GetServicesResponse>' +
      svc('http://www.onvif.org/ver10/device/wsdl', urls.device, 17, 12) +
      svc('http://www.onvif.org/ver10/media/wsdl', urls.media, 17, 12) +
      svc('http://www.onvif.org/ver10/events/wsdl', urls.device.replace(/device_service$/, 'Events'), 17, 12) +
      (urls.ptz ? svc('http://www.onvif.org/ver20/ptz/wsdl', urls.ptz, 17, 12) : '') +
      '</tds:GetServicesResponse>',
  );
}

export function networkInterfaces(id: OnvifIdentity, address: string): string {
  return envelope(
    id.style,
    '<tds:GetNetworkInterfacesResponse><tds:NetworkInterfaces token="eth0"><tt:Enabled>true</tt:Enabled>' +
      `<tt:Info><tt:Name>eth0</tt:Name><tt:HwAddress>${id.mac}</tt:HwAddress><tt:MTU>1500</tt:MTU></tt:Info>` +
      '<tt:Link><tt:AdminSettings><tt:AutoNegotiation>true</tt:AutoNegotiation><tt:Speed>100</tt:Speed><tt:Duplex>Full</tt:Duplex></tt:AdminSettings><tt:InterfaceType>0</tt:InterfaceType></tt:Link>' +
      `<tt:IPv4><tt:Enabled>true</tt:Enabled><tt:Config><tt:Manual><tt:Address>${esc(address)}</tt:Address><tt:PrefixLength>16</tt:PrefixLength></tt:Manual><tt:DHCP>false</tt:DHCP></tt:Config></tt:IPv4>` +
      '</tds:NetworkInterfaces></tds:GetNetworkInterfacesResponse>',
  );
}

export interface SimProfileSpec {
  token: string;
  name: string;
  width: number;
  height: number;
  fps: number;
  bitrateKbps: number;
  /** Which RTSP stream it maps to. */
  stream: 'main' | 'sub';
}

export function profileSpecs(id: OnvifIdentity): SimProfileSpec[] {
  const hik = id.style === 'hik';
  const specs: SimProfileSpec[] = [
    { token: hik ? 'Profile_1' : 'MediaProfile00000', name: hik ? 'mainStream' : 'MediaProfile_Channel1_MainStream', width: 1280, height: 720, fps: 25, bitrateKbps: 1024, stream: 'main' },
    { token: hik ? 'Profile_2' : 'MediaProfile00001', name: hik ? 'subStream' : 'MediaProfile_Channel1_SubStream1', width: 640, height: 360, fps: 25, bitrateKbps: 320, stream: 'sub' },
  ];
  if (id.quirks.thirdProfile) {
    specs.push({ token: hik ? 'Profile_3' : 'MediaProfile00002', name: hik ? 'thirdStream' : 'MediaProfile_Channel1_SubStream2', width: 176, height: 144, fps: 10, bitrateKbps: 64, stream: 'sub' });
  }
  return specs;
}

export function profiles(id: OnvifIdentity): string {
  const ptz = id.quirks.ptz
    ? '<tt:PTZConfiguration token="PTZToken"><tt:Name>PTZ</tt:Name><tt:UseCount>2</tt:UseCount><tt:NodeToken>PTZNODETOKEN</tt:NodeToken>' +
      '<tt:DefaultAbsolutePantTiltPositionSpace>http://www.onvif.org/ver10/tptz/PanTiltSpaces/PositionGenericSpace</tt:DefaultAbsolutePantTiltPositionSpace></tt:PTZConfiguration>'
    : '';
  const body = profileSpecs(id)
    .map(
      (p, i) =>
        `<trt:Profiles token="${esc(p.token)}" fixed="true"><tt:Name>${esc(p.name)}</tt:Name>` +
        `<tt:VideoSourceConfiguration token="VideoSourceToken"><tt:Name>VideoSourceConfig</tt:Name><tt:UseCount>${profileSpecs(id).length}</tt:UseCount><tt:SourceToken>VideoSource_1</tt:SourceToken><tt:Bounds x="0" y="0" width="1280" height="720"></tt:Bounds></tt:VideoSourceConfiguration>` +
        `<tt:VideoEncoderConfiguration token="VideoEncoderToken_${i + 1}"><tt:Name>VideoEncoder_${i + 1}</tt:Name><tt:UseCount>1</tt:UseCount><tt:Encoding>H264</tt:Encoding>` +
        `<tt:Resolution><tt:Width>${p.width}</tt:Width><tt:Height>${p.height}</tt:Height></tt:Resolution><tt:Quality>3.000000</tt:Quality>` +
        `<tt:RateControl><tt:FrameRateLimit>${p.fps}</tt:FrameRateLimit><tt:EncodingInterval>1</tt:EncodingInterval><tt:BitrateLimit>${p.bitrateKbps}</tt:BitrateLimit></tt:RateControl>` +
        `<tt:H264><tt:GovLength>${p.fps}</tt:GovLength><tt:H264Profile>Main</tt:H264Profile></tt:H264>` +
        '<tt:Multicast><tt:Address><tt:Type>IPv4</tt:Type><tt:IPv4Address>0.0.0.0</tt:IPv4Address></tt:Address><tt:Port>8860</tt:Port><tt:TTL>128</tt:TTL><tt:AutoStart>false</tt:AutoStart></tt:Multicast>' +
        '<tt:SessionTimeout>PT5S</tt:SessionTimeout></tt:VideoEncoderConfiguration>' +
        ptz +
        '</trt:Profiles>',
    )
    .join('');
  return envelope(id.style, `<trt:GetProfilesResponse>${body}</trt:GetProfilesResponse>`);
}

export function mediaUri(style: VendorStyle, response: 'GetStreamUriResponse' | 'GetSnapshotUriResponse', uri: string): string {
  return envelope(
    style,
    `<trt:${response}><trt:MediaUri><tt:Uri>${esc(uri)}</tt:Uri><tt:InvalidAfterConnect>false</tt:InvalidAfterConnect>` +
      `<tt:InvalidAfterReboot>false</tt:InvalidAfterReboot><tt:Timeout>PT60S</tt:Timeout></trt:MediaUri></trt:${response}>`,
  );
}

const WSA = 'http://schemas.xmlsoap.org/ws/2004/08/addressing';

export function probeMatches(o: { style: VendorStyle; messageId: string; relatesTo: string; uuid: string; scopes: string[]; xaddrs: string[]; ptz: boolean }): string {
  const p = envPrefix(o.style);
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<${p}:Envelope xmlns:${p}="http://www.w3.org/2003/05/soap-envelope" xmlns:wsa="${WSA}" ` +
    'xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery" xmlns:dn="http://www.onvif.org/ver10/network/wsdl" xmlns:tds="http://www.onvif.org/ver10/device/wsdl" ' +
    'xmlns:tptz="http://www.onvif.org/ver20/ptz/wsdl">' +
    `<${p}:Header><wsa:MessageID>${esc(o.messageId)}</wsa:MessageID><wsa:RelatesTo>${esc(o.relatesTo)}</wsa:RelatesTo>` +
    `<wsa:To ${p}:mustUnderstand="true">${WSA}/role/anonymous</wsa:To>` +
    `<wsa:Action ${p}:mustUnderstand="true">http://schemas.xmlsoap.org/ws/2005/04/discovery/ProbeMatches</wsa:Action>` +
    `<d:AppSequence ${p}:mustUnderstand="true" MessageNumber="1" InstanceId="1"></d:AppSequence></${p}:Header>` +
    `<${p}:Body><d:ProbeMatches><d:ProbeMatch><wsa:EndpointReference><wsa:Address>${esc(o.uuid)}</wsa:Address></wsa:EndpointReference>` +
    `<d:Types>dn:NetworkVideoTransmitter tds:Device${o.ptz ? ' tptz:PTZ' : ''}</d:Types><d:Scopes>${o.scopes.map(esc).join(' ')}</d:Scopes>` +
    `<d:XAddrs>${o.xaddrs.map(esc).join(' ')}</d:XAddrs><d:MetadataVersion>10</d:MetadataVersion></d:ProbeMatch></d:ProbeMatches></${p}:Body></${p}:Envelope>\n`
  );
}
