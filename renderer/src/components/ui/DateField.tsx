import { useState } from 'react';
import { formatInputValue, parseInputValue } from '../../i18n/date-format';
import { useI18n } from '../../i18n/use-t';

export interface DateFieldProps {
  /** `YYYY-MM-DD`, or `YYYY-MM-DDTHH:mm` when `withTime` (the values of <input type="date|datetime-local">); '' for none. */
  value: string;
  onChange: (value: string) => void;
  withTime?: boolean;
  testId?: string;
  name?: string;
}

/**
 * A date (or date-time) field written in the console's language, unlike the browser's own date inputs, which follow
 * the browser's locale whatever the console shows. Text that is not a date yet is kept in the field (marked invalid)
 * and not passed on; the value is rewritten in the console's format when the field loses focus.
 */
export function DateField({ value, onChange, withTime = false, testId, name }: DateFieldProps) {
  const { t, lang } = useI18n();
  const [draft, setDraft] = useState(() => formatInputValue(value, lang));
  const draftValue = draft.trim() === '' ? '' : parseInputValue(draft, withTime);
  const invalid = draftValue === null;
  // A value set from outside (a reset) or another language rewrites what the field shows; the operator's own typing,
  // which produced the value, is left alone. (Adjusted while rendering, React's pattern for state derived from props.)
  const [synced, setSynced] = useState({ value, lang });
  if (synced.value !== value || synced.lang !== lang) {
    setSynced({ value, lang });
    if (synced.lang !== lang || draftValue !== value) setDraft(formatInputValue(value, lang));
  }
  return (
    <input
      type="text"
      name={name}
      data-testid={testId}
      className={invalid ? 'date-field invalid' : 'date-field'}
      aria-invalid={invalid || undefined}
      title={invalid ? t('date.input.invalid') : undefined}
      placeholder={t(withTime ? 'date.input.dateTime' : 'date.input.date')}
      value={draft}
      onChange={(e) => {
        setDraft(e.target.value);
        const next = e.target.value.trim() === '' ? '' : parseInputValue(e.target.value, withTime);
        if (next !== null && next !== value) onChange(next);
      }}
      onBlur={() => {
        if (!invalid) setDraft(formatInputValue(value, lang));
      }}
    />
  );
}
