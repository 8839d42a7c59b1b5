// Pure: a CSV import issue in the console's language, from its code and params (the gateway's English `reason` is
// only the fallback for a code this console does not know, e.g. from a newer gateway).
import { CSV_ISSUE_CODES, type CsvRowIssue } from '../../../../contracts/src/camera';
import { STREAM_URL_PROBLEMS } from '../../../../contracts/src/stream-url';
import type { Translate } from '../../i18n/translate';
import { CSV_COLUMNS, type CsvColumn } from './csv-template';

const isColumn = (v: unknown): v is CsvColumn => typeof v === 'string' && (CSV_COLUMNS as readonly string[]).includes(v);

/** A column (or the issue's field) as the console names it: its header in this language. */
export function csvFieldLabel(field: string, t: Translate): string {
  if (isColumn(field)) return t(`csv.header.${field}`);
  if (field === '(file)') return t('csv.header.file');
  if (field === '(row)') return t('csv.header.row');
  return field;
}

export function csvIssueText(issue: Pick<CsvRowIssue, 'code' | 'params' | 'reason'>, t: Translate): string {
  if (!(CSV_ISSUE_CODES as readonly string[]).includes(issue.code)) return issue.reason;
  const params: Record<string, string | number> = { ...issue.params };
  if (typeof params.column === 'string') params.column = csvFieldLabel(params.column, t);
  if (issue.code === 'stream-url-invalid') {
    const why = params.why;
    params.why = typeof why === 'string' && (STREAM_URL_PROBLEMS as readonly string[]).includes(why) ? t(`csv.url.${why as (typeof STREAM_URL_PROBLEMS)[number]}`) : issue.reason;
  }
  return t(`csv.issue.${issue.code}`, params);
}
