import { describe, expect, it } from 'vitest';
import { decideWindowOpen, isNavigationAllowed, isPermissionAllowed, type UrlAllowList } from './navigation-policy';

const SETUP = 'file:///C:/Program%20Files/Console/resources/app.asar/electron/dist/setup/setup.html';
const allow: UrlAllowList = { gatewayOrigin: 'https://10.20.0.5:8443', localPageUrls: [SETUP] };

describe('navigation policy', () => {
  it.each([
    'https://10.20.0.5:8443/',
    'https://10.20.0.5:8443/#/wall?layout=a&display=1',
    'https://10.20.0.5:8443/login?next=%2F',
    SETUP,
    `${SETUP}#retry`,
  ])('allows %s', (url) => {
    expect(isNavigationAllowed(url, allow)).toBe(true);
  });

  it.each([
    'https://10.20.0.5:8444/',
    'http://10.20.0.5:8443/',
    'https://10.20.0.50:8443/',
    'https://evil.example/',
    'https://10.20.0.5:8443@evil.example/',
    'https://user:pw@10.20.0.5:8443/',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'file:///etc/passwd',
    'file:///C:/Program%20Files/Console/resources/app.asar/electron/dist/setup/evil.html',
    'chrome://settings',
    'about:blank',
    'not a url',
  ])('denies %s', (url) => {
    expect(isNavigationAllowed(url, allow)).toBe(false);
  });

  it('denies every web URL before a gateway is configured (setup page only)', () => {
    const setupOnly = { gatewayOrigin: null, localPageUrls: [SETUP] };
    expect(isNavigationAllowed('https://10.20.0.5:8443/', setupOnly)).toBe(false);
    expect(isNavigationAllowed(SETUP, setupOnly)).toBe(true);
  });

  it('opens new windows only for gateway pages, never local files or outside links', () => {
    expect(decideWindowOpen('https://10.20.0.5:8443/#/camera/42', allow)).toBe('allow');
    expect(decideWindowOpen('https://www.openstreetmap.org/copyright', allow)).toBe('deny');
    expect(decideWindowOpen(SETUP, allow)).toBe('deny');
    expect(decideWindowOpen('about:blank', allow)).toBe('deny');
  });
});

describe('permission policy', () => {
  it('grants notifications, fullscreen and clipboard writes to the gateway origin only', () => {
    for (const permission of ['notifications', 'fullscreen', 'clipboard-sanitized-write']) {
      expect(isPermissionAllowed(permission, 'https://10.20.0.5:8443/#/alarms', allow.gatewayOrigin), permission).toBe(true);
      expect(isPermissionAllowed(permission, 'https://evil.example/', allow.gatewayOrigin), permission).toBe(false);
      expect(isPermissionAllowed(permission, SETUP, allow.gatewayOrigin), permission).toBe(false);
    }
  });

  it('denies everything else, even to the gateway', () => {
    for (const permission of ['media', 'geolocation', 'display-capture', 'clipboard-read', 'openExternal', 'midiSysex', 'hid', 'usb', 'serial', 'unknown']) {
      expect(isPermissionAllowed(permission, 'https://10.20.0.5:8443/', allow.gatewayOrigin), permission).toBe(false);
    }
    expect(isPermissionAllowed('notifications', undefined, allow.gatewayOrigin)).toBe(false);
    expect(isPermissionAllowed('notifications', 'https://10.20.0.5:8443/', null)).toBe(false);
  });
});
