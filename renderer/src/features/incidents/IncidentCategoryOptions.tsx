// Incident categories as the console names them: the contract's one list (contracts/src/incident.ts), in the console's
// language. Every category select and cell uses these, so the alarm → incident form and the incident pages agree.
import { INCIDENT_CATEGORIES, INCIDENT_CATEGORY_NAMES, type IncidentCategory } from '../../../../contracts/src/incident';
import type { Language } from '../../i18n/translate';

/** A category's name; a code this console does not know (a newer gateway) is shown as sent. */
export function categoryName(code: string, lang: Language): string {
  return (INCIDENT_CATEGORIES as readonly string[]).includes(code) ? INCIDENT_CATEGORY_NAMES[code as IncidentCategory][lang] : code;
}

/** The `<option>`s of a category `<select>`, in the contract's order. */
export function IncidentCategoryOptions({ lang }: { lang: Language }) {
  return INCIDENT_CATEGORIES.map((c) => (
    <option key={c} value={c}>
      {categoryName(c, lang)}
    </option>
  ));
}
