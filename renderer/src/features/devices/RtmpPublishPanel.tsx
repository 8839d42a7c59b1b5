import { useState } from 'react';
import type { RtmpPublishInfo } from '../../../../contracts/src/camera';
import { useT } from '../../i18n/use-t';

/** The publish URL and key, shown once (create or key rotation), with copy buttons and a warning. */
export function RtmpPublishPanel({ info, onDone }: { info: RtmpPublishInfo; onDone: () => void }) {
  const t = useT();
  const [copied, setCopied] = useState<string | null>(null);
  const copy = async (what: string, value: string, input: HTMLInputElement | null) => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(what);
    } catch {
      // No clipboard (insecure origin, denied): select the text so Ctrl+C works.
      input?.select();
    }
  };
  const rows: Array<[string, string, string]> = [
    ['url', t('form.rtmpUrl'), info.publishUrl],
    ['server', t('form.rtmpServer'), info.server],
    ['stream', t('form.rtmpStream'), info.streamName],
    ['key', t('form.rtmpKey'), info.streamKey],
  ];
  return (
    <div className="dev-rtmp" role="alert" data-testid="camera-form-rtmp">
      <div className="dev-rtmp-title">{t('form.rtmpTitle')}</div>
      <p className="dev-warning">{t('form.rtmpWarning')}</p>
      {rows.map(([id, label, value]) => (
        <label key={id} className="dev-rtmp-row">
          <span>{label}</span>
          <input readOnly value={value} data-testid={`camera-form-rtmp-${id}`} onFocus={(e) => e.currentTarget.select()} />
          <button type="button" className="ghost" data-testid={`camera-form-rtmp-copy-${id}`} onClick={(e) => void copy(id, value, e.currentTarget.previousElementSibling as HTMLInputElement | null)}>
            {copied === id ? t('form.copied') : t('form.copy')}
          </button>
        </label>
      ))}
      <button type="button" className="primary" data-testid="camera-form-rtmp-done" onClick={onDone}>
        {t('form.rtmpDone')}
      </button>
    </div>
  );
}
