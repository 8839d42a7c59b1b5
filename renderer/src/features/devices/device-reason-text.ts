// Failure reasons of the devices page in the reader's language (pure): the code's words when this console knows the
// code, else the gateway's text (a newer gateway). The English text is for tooltips.
import { DISCOVERY_REASON_CODES, type DiscoveredDevice } from '../../../../contracts/src/discovery';
import type { StreamTestResult } from '../../../../contracts/src/camera';
import { reasonWords } from '../../i18n/reason-strings';
import type { Translate } from '../../i18n/translate';

export function discoveryReasonText(t: Translate, d: Pick<DiscoveredDevice, 'reason' | 'reasonCode'>): string | null {
  if (d.reasonCode && (DISCOVERY_REASON_CODES as readonly string[]).includes(d.reasonCode)) return t(`discovery.reason.${d.reasonCode}`);
  return d.reason;
}

export function streamTestReasonText(t: Translate, r: Extract<StreamTestResult, { ok: false }>): string {
  if (r.code === 'no-video' || r.code === 'failed') return t(`streamTest.reason.${r.code}`);
  return reasonWords(r.code, r.reason, t) ?? r.reason;
}
