import { describe, expect, it } from 'vitest';
import { XmlRejected, decodeXmlText, parseSafeXml, path, text } from './safe-xml';
import { onvifFixture } from './test-fixtures';

describe('parseSafeXml', () => {
  it('refuses DOCTYPE and ENTITY declarations before parsing', () => {
    expect(() => parseSafeXml(onvifFixture('hostile/doctype-entity-expansion.xml'))).toThrow(/DOCTYPE refused/);
    expect(() => parseSafeXml(onvifFixture('hostile/doctype-external-entity.xml'))).toThrow(/DOCTYPE refused/);
    expect(() => parseSafeXml('<a><!ENTITY x "y"></a>')).toThrow(/ENTITY/);
    expect(() => parseSafeXml('<!doctype a><a/>')).toThrow(/DOCTYPE/);
  });

  it('refuses malformed documents instead of half-parsing them', () => {
    expect(() => parseSafeXml(onvifFixture('hostile/malformed-truncated.xml'))).toThrow(XmlRejected);
    expect(() => parseSafeXml('<a><b></a>')).toThrow(/malformed XML/);
    expect(() => parseSafeXml('not xml at all')).toThrow(XmlRejected);
    expect(() => parseSafeXml('')).toThrow(/empty/);
  });

  it('refuses a body over the cap (1 MB against 256 KB) without parsing it', () => {
    const huge = `<a>${'x'.repeat(1024 * 1024)}</a>`;
    const started = performance.now();
    expect(() => parseSafeXml(huge)).toThrow(/too large/);
    expect(() => parseSafeXml(Buffer.from(huge))).toThrow(/too large \(1048583 bytes, limit 262144\)/);
    expect(performance.now() - started).toBeLessThan(100);
  });

  it('refuses prototype-polluting element names', () => {
    expect(() => parseSafeXml('<a><__proto__>x</__proto__></a>')).toThrow(XmlRejected);
    expect(() => parseSafeXml('<a><constructor>x</constructor></a>')).toThrow(XmlRejected);
  });

  it('refuses absurd nesting', () => {
    expect(() => parseSafeXml(`${'<a>'.repeat(200)}${'</a>'.repeat(200)}`)).toThrow(XmlRejected);
  });

  it('strips namespace prefixes, keeps values as text and decodes predefined entities once', () => {
    const doc = parseSafeXml('<s:E xmlns:s="x"><s:V>0.10</s:V><s:U>a=1&amp;b=2&amp;lt;&#x4e2d;&#25991;</s:U></s:E>');
    expect(text(path(doc, 'E', 'V'))).toBe('0.10');
    expect(text(path(doc, 'E', 'U'))).toBe('a=1&b=2&lt;中文');
  });

  it('decodes only the five predefined entities and character references', () => {
    expect(decodeXmlText('&lt;&gt;&amp;&quot;&apos;&nbsp;&#0;&#xD800;')).toBe(`<>&"'&nbsp;&#0;&#xD800;`);
  });
});
