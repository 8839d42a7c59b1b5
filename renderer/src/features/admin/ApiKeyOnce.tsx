import { useRef, useState } from 'react';
import { useT } from '../../i18n/use-t';

/**
 * A new API key, shown this once (create or rotate) with a copy button and a warning. The key lives only in the
 * parent's state until "close": never in a list, a log or the audit (those carry the prefix).
 */
export function ApiKeyOnce({ name, apiKey, onDone }: { name: string; apiKey: string; onDone: () => void }) {
  const t = useT();
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(apiKey);
      setCopied(true);
    } catch {
      // No clipboard (plain-HTTP origin, denied): select the text so Ctrl+C works.
      input.current?.select();
    }
  };
  return (
    <div className="admin-key-once" role="alert" data-testid="alarm-source-key">
      <div className="admin-key-title">{t('admin.sources.keyTitle', { name })}</div>
      <p className="admin-key-warning">{t('admin.sources.keyWarning')}</p>
      <div className="admin-key-row">
        <input ref={input} readOnly value={apiKey} spellCheck={false} autoComplete="off" data-testid="alarm-source-key-value" onFocus={(e) => e.currentTarget.select()} />
        <button type="button" data-testid="alarm-source-key-copy" onClick={() => void copy()}>
          {copied ? t('admin.sources.copied') : t('admin.sources.copy')}
        </button>
      </div>
      <p className="admin-key-hint">{t('admin.sources.keyHeader')}</p>
      <button type="button" className="primary" data-testid="alarm-source-key-done" onClick={onDone}>
        {t('admin.sources.keyDone')}
      </button>
    </div>
  );
}
