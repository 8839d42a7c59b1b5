// Turns a TileReason into the text on the tile: our own reasons and known gateway ingest codes are localised;
// anything else is the gateway's message as sent.
import type { MessageKey } from '../../i18n/translate';
import type { Translate } from '../../i18n/translate';
import type { TileReason } from './tile-state';

const INGEST_CODES = new Set([
  'auth-failed',
  'connection-refused',
  'unreachable',
  'timeout',
  'stream-not-found',
  'invalid-data',
  'protocol-blocked',
  'camera-error',
  'stalled',
  'exited',
  'config',
]);

export function reasonText(reason: TileReason | null, t: Translate): string | null {
  if (!reason) return null;
  if (reason.kind === 'local') return t(`reason.${reason.code}`);
  if (reason.code && INGEST_CODES.has(reason.code)) return t(`ingest.${reason.code}` as MessageKey);
  return reason.message;
}

/** The untranslated detail, for the tooltip: the gateway's own words or the player's error name. */
export function reasonDetail(reason: TileReason | null): string | null {
  if (!reason) return null;
  return reason.kind === 'gateway' ? reason.message : (reason.detail ?? null);
}
