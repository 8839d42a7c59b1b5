import { useT } from '../../i18n/use-t';
import { SHORTCUT_HELP } from './wall-shortcuts';

/** "?" in the top bar: the keyboard shortcuts, in a tooltip shown on hover or focus. */
export function ShortcutHelp() {
  const t = useT();
  return (
    <span className="help-tip">
      <button type="button" className="ghost help-button" aria-label={t('shortcut.title')} data-testid="shortcut-help">
        ?
      </button>
      <span className="help-tip-panel" role="tooltip">
        <strong>{t('shortcut.title')}</strong>
        <table>
          <tbody>
            {SHORTCUT_HELP.map((s) => (
              <tr key={s.keys}>
                <td>
                  <kbd>{s.keys}</kbd>
                </td>
                <td>{t(s.what)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </span>
    </span>
  );
}
