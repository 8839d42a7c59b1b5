/**
 * Why an access was denied, as a code the console translates (issue 13: no English engine text in the Chinese UI).
 * The gateway's denials are written in many places with an English reason; the audit log stamps each with the code
 * `denialReasonCode` finds in it, and keeps the English as `reason` for the CSV export and the tooltip.
 */
export const DENIAL_REASON_CODES = [
  'permission-missing',
  'out-of-scope',
  'county-level-only',
  'self-change-refused',
  'password-change-required',
  'hls-token-missing',
  'hls-token-expired',
  'hls-token-revoked',
  'hls-token-malformed',
  'hls-token-bad-signature',
  'hls-token-wrong-stream',
  'user-inactive',
  'api-key-missing',
  'api-key-invalid',
  'no-policy',
  'other',
] as const;
export type DenialReasonCode = (typeof DENIAL_REASON_CODES)[number];

const RULES: Array<[RegExp, DenialReasonCode]> = [
  [/^HLS token missing/, 'hls-token-missing'],
  [/^HLS token expired/, 'hls-token-expired'],
  [/^HLS token revoked/, 'hls-token-revoked'],
  [/^HLS token malformed/, 'hls-token-malformed'],
  [/^HLS token bad-signature/, 'hls-token-bad-signature'],
  [/^HLS token wrong-stream/, 'hls-token-wrong-stream'],
  [/no longer active/, 'user-inactive'],
  [/^API key missing/, 'api-key-missing'],
  [/^API key invalid/, 'api-key-invalid'],
  [/lacks permission|may not open main streams/, 'permission-missing'],
  [/password change required/, 'password-change-required'],
  [/only (a )?county-level/, 'county-level-only'],
  [/cannot change your own/, 'self-change-refused'],
  [/outside your (org-unit )?scope|is not shared with/, 'out-of-scope'],
  [/no access policy/, 'no-policy'],
];

export function denialReasonCode(reason: string): DenialReasonCode {
  for (const [re, code] of RULES) if (re.test(reason)) return code;
  return 'other';
}
