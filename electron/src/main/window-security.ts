/**
 * Every window's and the session's security settings in one place (Electron security checklist):
 * sandboxed, context-isolated renderers without Node; navigation, redirects and window.open limited to the gateway
 * origin (and our own local page); <webview> refused; permissions granted only from a short list and only to the
 * gateway origin; device chooser APIs denied; certificates verified by Chromium, except the gateway's own pinned
 * self-signed certificate (certificate-pinning.ts). Electron objects come in as parameters; the decisions are pure.
 */
import type { Session, WebContents, WebPreferences } from 'electron';
import { decideCertificateVerification, fingerprintOfPem } from './certificate-pinning';
import type { Logger } from './logger';
import { decideWindowOpen, isNavigationAllowed, isPermissionAllowed, type UrlAllowList } from './navigation-policy';

export interface SecurityContext {
  allowList(): UrlAllowList;
  /** Pinned fingerprint of the current gateway, null if none. */
  pinnedFingerprint(): string | null;
  preloadPath: string;
  devTools: boolean;
  log: Logger;
}

/** Only these may vary between windows; the security-relevant preferences are fixed. */
export type WindowTuning = Pick<WebPreferences, 'backgroundThrottling' | 'autoplayPolicy'>;

export function secureWebPreferences(preloadPath: string, devTools: boolean, tuning: WindowTuning = {}): WebPreferences {
  return {
    ...tuning,
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    devTools,
  };
}

const HARMLESS_SUBFRAME_URLS = new Set(['about:blank', 'about:srcdoc']);

export function hardenWebContents(contents: WebContents, ctx: SecurityContext): void {
  contents.on('will-frame-navigate', (event) => {
    const allowed = isNavigationAllowed(event.url, ctx.allowList()) || (!event.isMainFrame && HARMLESS_SUBFRAME_URLS.has(event.url));
    if (!allowed) {
      event.preventDefault();
      ctx.log.warn('security: navigation denied', { url: event.url, mainFrame: event.isMainFrame });
    }
  });
  contents.on('will-redirect', (event) => {
    if (!isNavigationAllowed(event.url, ctx.allowList())) {
      event.preventDefault();
      ctx.log.warn('security: redirect denied', { url: event.url, mainFrame: event.isMainFrame });
    }
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (decideWindowOpen(url, ctx.allowList()) === 'deny') {
      ctx.log.warn('security: window.open denied', { url });
      return { action: 'deny' };
    }
    return {
      action: 'allow',
      outlivesOpener: false,
      overrideBrowserWindowOptions: { autoHideMenuBar: true, webPreferences: secureWebPreferences(ctx.preloadPath, ctx.devTools) },
    };
  });
  // A page's beforeunload handler must not keep a kiosk wall or the operator window from closing.
  contents.on('will-prevent-unload', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    ctx.log.warn('security: <webview> refused');
  });
}

export function hardenSession(session: Session, ctx: SecurityContext): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const allowed = isPermissionAllowed(permission, details.requestingUrl, ctx.allowList().gatewayOrigin);
    if (!allowed) ctx.log.warn('security: permission denied', { permission, url: details.requestingUrl });
    callback(allowed);
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    isPermissionAllowed(permission, details.requestingUrl ?? requestingOrigin, ctx.allowList().gatewayOrigin),
  );
  session.setDevicePermissionHandler(() => false);
  session.setCertificateVerifyProc((request, callback) => {
    const verdict = decideCertificateVerification(
      { hostname: request.hostname, verificationResult: request.verificationResult, fingerprint: fingerprintOfPem(request.certificate.data) },
      ctx.allowList().gatewayOrigin,
      ctx.pinnedFingerprint(),
    );
    if (verdict === -2) ctx.log.warn('security: certificate rejected', { host: request.hostname, result: request.verificationResult });
    callback(verdict);
  });
}
