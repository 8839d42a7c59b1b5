// Turns a TileReason into the text on the tile: our own reasons and known gateway reason codes are localised;
// anything else is the gateway's message as sent.
import { reasonWords } from '../../i18n/reason-strings';
import type { Translate } from '../../i18n/translate';
import type { TileReason, TileView } from './tile-state';

export function reasonText(reason: TileReason | null, t: Translate): string | null {
  if (!reason) return null;
  if (reason.kind === 'local') return t(`reason.${reason.code}`);
  return reasonWords(reason.code, reason.message, t);
}

/**
 * The gateway stopped trying this camera: it refused our credentials, and cameras lock an account after a few
 * failures. Only an operator's retry (or new credentials) starts it again, so the tile says so and offers the retry.
 */
export function isAuthStopped(view: TileView): boolean {
  return view.state === 'offline' && view.reason?.kind === 'gateway' && view.reason.code === 'auth-failed';
}

/** The untranslated detail, for the tooltip: the gateway's own words or the player's error name. */
export function reasonDetail(reason: TileReason | null): string | null {
  if (!reason) return null;
  return reason.kind === 'gateway' ? reason.message : (reason.detail ?? null);
}
