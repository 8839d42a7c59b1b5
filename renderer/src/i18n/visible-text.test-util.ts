// What a zh-CN screen must never show: a UUID, an ISO timestamp, a gateway code (`grid-report`, `external:x`,
// `tns1:…`), or a phrase of English as the gateway writes it. Shared by the dictionary check and the per-screen checks.

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const ISO_TIME = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const CODE = /\b[a-z]+(?:[-_:][a-z0-9]+)+\b/; // kebab/snake/namespaced codes: grid-report, external:grid-app, alarm.create is allowed (dots: file names)
const ONVIF_TOPIC = /\btns1:|\btt:[A-Z]/;
const ENGLISH_PHRASE = /\b[A-Za-z]{2,}(?:[ ,]+[A-Za-z]{2,}){2,}\b/; // three English words in a row
/** Single words the gateway sends as values (severities, states, outcomes) that must be worded. */
const ENGINE_WORDS = /\b(?:critical|major|minor|info|new|acknowledged|resolved|dismissed|converted|ok|denied|failed|error|deadline|alarm|from|system)\b/i;

/**
 * Everything wrong with one visible zh-CN text (empty = fine). `names`: data the operators named themselves (a camera,
 * a user, an alarm source such as `grid-app`), which is shown as written.
 */
export function zhLeaks(shown: string, names: readonly string[] = []): string[] {
  const out: string[] = [];
  const text = names.reduce((s, n) => s.split(n).join(''), shown);
  for (const [name, re] of Object.entries({ UUID, ISO_TIME, CODE, ONVIF_TOPIC, ENGLISH_PHRASE, ENGINE_WORDS })) {
    const m = re.exec(text);
    if (m) out.push(`${name}: "${m[0]}" in "${shown}"`);
  }
  return out;
}

/** The text nodes of rendered markup (attributes such as a tooltip's title are not visible text). */
export function visibleTexts(html: string): string[] {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, '')
    .split(/<[^>]*>/)
    .map((s) => s.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#x27;/g, "'").trim())
    .filter(Boolean);
}
