import { useI18n } from '../../i18n/use-t';
import { orgLabel } from '../../components/ui/org-units';
import type { OrgChoices } from './use-org-units';

export interface OrgPickerProps {
  choices: OrgChoices;
  townshipId: string;
  villageId: string;
  onChange: (next: { townshipId: string; villageId: string }) => void;
  /** Test id prefix: `<prefix>-org` (township or county) and `<prefix>-village`. */
  testId: string;
  invalid?: boolean;
}

/** Township (or the county itself) then, optionally, one of its villages. */
export function OrgPicker({ choices, townshipId, villageId, onChange, testId, invalid }: OrgPickerProps) {
  const { t, lang } = useI18n();
  const villages = townshipId ? choices.villagesOf(townshipId) : [];
  return (
    <span className="dev-org-picker">
      <select aria-label={t('form.township')} aria-invalid={invalid || undefined} data-testid={`${testId}-org`} value={townshipId} onChange={(e) => onChange({ townshipId: e.target.value, villageId: '' })}>
        <option value="">{t('form.choose')}</option>
        {choices.tops.map((u) => (
          <option key={u.id} value={u.id}>
            {u.level === 'county' ? orgLabel(u, lang) : `\u00a0\u00a0${orgLabel(u, lang)}`}
          </option>
        ))}
      </select>
      <select aria-label={t('form.village')} data-testid={`${testId}-village`} value={villageId} disabled={villages.length === 0} onChange={(e) => onChange({ townshipId, villageId: e.target.value })}>
        <option value="">{t('form.noVillage')}</option>
        {villages.map((u) => (
          <option key={u.id} value={u.id}>
            {orgLabel(u, lang)}
          </option>
        ))}
      </select>
    </span>
  );
}
