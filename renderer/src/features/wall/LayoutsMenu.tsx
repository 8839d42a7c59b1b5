import { useState, type FormEvent, type ReactNode } from 'react';
import { useT } from '../../i18n/use-t';
import { PRESET_NAMES, presetOf, presetShape, type PresetName } from './layout-presets';
import { Popover } from '../../components/ui/Popover';
import { ShapeIcon } from './ShapeIcon';
import type { SavedLayouts } from './use-saved-layouts';
import type { WallState } from './wall-layout';

export type LayoutForm = 'save-as' | 'rename' | null;

export interface LayoutsMenuProps {
  state: WallState;
  saved: SavedLayouts;
  userId: string;
  /** The role may share layouts with everyone (layout.share). */
  mayShare: boolean;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  form: LayoutForm;
  onFormChange: (form: LayoutForm) => void;
  onPreset: (name: PresetName) => void;
}

/**
 * The layouts menu of the top bar: merged presets, the current named layout (save, save as, rename, share) and the
 * saved layouts (open, delete).
 */
export function LayoutsMenu({ state, saved, userId, mayShare, open, onOpenChange, form, onFormChange, onPreset }: LayoutsMenuProps) {
  const t = useT();
  const { doc } = state;
  const current = presetOf(state.shape);
  const title = doc ? `${doc.name}${saved.dirty ? t('layout.changedMark') : ''}` : t('layout.unsaved');
  const toggle = (next: boolean) => {
    if (next) saved.refresh();
    else onFormChange(null);
    onOpenChange(next);
  };
  return (
    <Popover
      open={open}
      onOpenChange={toggle}
      button={
        <>
          <ShapeIcon shape={state.shape} />
          <span className="layouts-menu-name">{title}</span>
          <span aria-hidden="true">▾</span>
        </>
      }
      buttonTitle={t('layout.menuTitle')}
      buttonTestId="layouts-menu"
      buttonClassName="ghost layouts-menu-button"
      panelLabel={t('layout.menuTitle')}
      panelClassName="layouts-panel"
    >
      <section className="panel-section">
        <div className="panel-heading">{t('layout.current')}</div>
        <div className="current-layout-name" title={title}>
          {title}
        </div>
        <div className="button-row">
          <button
            type="button"
            className="ghost"
            data-testid="layout-save"
            title={`${t('layout.save')} (Ctrl+S)`}
            onClick={() => {
              void saved.save().then((r) => r === 'needs-name' && onFormChange('save-as'));
            }}
          >
            {t('layout.save')}
          </button>
          <button type="button" className="ghost" data-testid="layout-save-as" onClick={() => onFormChange(form === 'save-as' ? null : 'save-as')}>
            {t('layout.saveAs')}
          </button>
          {doc && saved.rights.canEdit && (
            <button type="button" className="ghost" data-testid="layout-rename" onClick={() => onFormChange(form === 'rename' ? null : 'rename')}>
              {t('layout.rename')}
            </button>
          )}
        </div>
        {doc && saved.rights.canShare && <ShareToggle key={doc.id} shared={doc.visibility === 'everyone'} onChange={saved.setShared} />}
        {doc && !saved.rights.canEdit && <div className="panel-note">{t('layout.readOnly')}</div>}
        {form && (
          <NameForm
            key={form}
            mode={form}
            initial={form === 'rename' && doc ? doc.name : ''}
            mayShare={mayShare}
            onCancel={() => onFormChange(null)}
            onSubmit={async (name, shared) => {
              const ok = form === 'rename' ? await saved.rename(name) : await saved.saveAs(name, shared);
              if (ok) onFormChange(null);
            }}
          />
        )}
      </section>

      <section className="panel-section">
        <div className="panel-heading">{t('layout.presets')}</div>
        <div className="preset-grid">
          {PRESET_NAMES.map((name) => (
            <button
              key={name}
              type="button"
              className={`preset-button${current === name ? ' active' : ''}`}
              aria-pressed={current === name}
              title={t('layout.preset', { name })}
              data-testid={`layout-preset-${name}`}
              onClick={() => onPreset(name)}
            >
              <ShapeIcon shape={presetShape(name)} size={22} />
              <span>{name}</span>
            </button>
          ))}
        </div>
      </section>

      <section className="panel-section">
        <div className="panel-heading">{t('layout.savedList')}</div>
        {saved.error && <div className="form-error">{t('layout.listFailed', { message: saved.error })}</div>}
        {saved.loading && saved.items.length === 0 && <div className="panel-note">{t('layout.loading')}</div>}
        {!saved.loading && !saved.error && saved.items.length === 0 && <div className="panel-note">{t('layout.empty')}</div>}
        <ul className="saved-list">
          {saved.items.map((item) => {
            const mine = item.ownerId === userId;
            return (
              <SavedRow
                key={item.id}
                id={item.id}
                name={item.name}
                active={doc?.id === item.id}
                note={mine ? (item.visibility === 'everyone' ? t('layout.sharedBadge') : null) : t('layout.sharedBy', { name: item.ownerName })}
                icon={<ShapeIcon shape={{ cols: item.cols, rows: item.rows, cells: item.cells }} />}
                canDelete={mine}
                onOpen={() => {
                  saved.open(item);
                  toggle(false);
                }}
                onDelete={() => void saved.remove(item)}
              />
            );
          })}
        </ul>
      </section>
    </Popover>
  );
}

/** Share with everyone: shows the new state at once, back to the old one if the gateway refuses. */
function ShareToggle({ shared, onChange }: { shared: boolean; onChange: (shared: boolean) => Promise<boolean> }) {
  const t = useT();
  const [pending, setPending] = useState<boolean | null>(null);
  return (
    <label className="check-row">
      <input
        type="checkbox"
        data-testid="layout-share"
        checked={pending ?? shared}
        disabled={pending !== null}
        onChange={(e) => {
          const next = e.target.checked;
          setPending(next);
          void onChange(next).finally(() => setPending(null));
        }}
      />
      {t('layout.share')}
    </label>
  );
}

function NameForm({ mode, initial, mayShare, onCancel, onSubmit }: { mode: 'save-as' | 'rename'; initial: string; mayShare: boolean; onCancel: () => void; onSubmit: (name: string, shared: boolean) => Promise<void> }) {
  const t = useT();
  const [name, setName] = useState(initial);
  const [shared, setShared] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const trimmed = name.trim();
    if (!trimmed || trimmed.length > 64) return setProblem(true);
    setBusy(true);
    void onSubmit(trimmed, shared).finally(() => setBusy(false));
  };
  return (
    <form className="name-form" onSubmit={submit}>
      <input
        autoFocus
        type="text"
        value={name}
        maxLength={64}
        placeholder={t('layout.name')}
        aria-label={t('layout.name')}
        data-testid="layout-name-input"
        onChange={(e) => {
          setName(e.target.value);
          setProblem(false);
        }}
      />
      {mode === 'save-as' && mayShare && (
        <label className="check-row">
          <input type="checkbox" data-testid="layout-save-as-share" checked={shared} onChange={(e) => setShared(e.target.checked)} />
          {t('layout.share')}
        </label>
      )}
      {problem && <div className="form-error">{t('layout.nameRequired')}</div>}
      <div className="button-row">
        <button type="submit" className="primary small" disabled={busy} data-testid="layout-name-confirm">
          {t('layout.confirm')}
        </button>
        <button type="button" className="ghost" onClick={onCancel}>
          {t('layout.cancel')}
        </button>
      </div>
    </form>
  );
}

function SavedRow(p: { id: string; name: string; active: boolean; note: string | null; icon: ReactNode; canDelete: boolean; onOpen: () => void; onDelete: () => void }) {
  const t = useT();
  const [confirming, setConfirming] = useState(false);
  return (
    <li className={`saved-row${p.active ? ' active' : ''}`}>
      <button type="button" className="saved-open" data-testid={`layout-item-${p.id}`} title={p.name} onClick={p.onOpen}>
        {p.icon}
        <span className="saved-name">{p.name}</span>
        {p.note && <span className="saved-note">{p.note}</span>}
      </button>
      {p.canDelete &&
        (confirming ? (
          <button type="button" className="danger small" data-testid={`layout-delete-confirm-${p.id}`} onClick={p.onDelete} onBlur={() => setConfirming(false)} autoFocus>
            {t('layout.deleteConfirm')}
          </button>
        ) : (
          <button type="button" className="icon-button" aria-label={t('layout.delete')} title={t('layout.delete')} data-testid={`layout-delete-${p.id}`} onClick={() => setConfirming(true)}>
            ×
          </button>
        ))}
    </li>
  );
}
