import { useEffect, useState } from 'react';
import { CAMERA_CATEGORIES, CAMERA_STATUSES, type CameraDto, type CameraSortKey } from '../../../../contracts/src/camera';
import { useGatewaySelector } from '../../gateway/use-gateway';
import { useI18n } from '../../i18n/use-t';
import type { MessageKey } from '../../i18n/messages';
import { orgLabel } from '../../components/ui/org-units';
import { ariaSort, initialListState, pageCount, PAGE_SIZES, shownRange, toQuery, withFilter, withPage, withPageSize, withSort, type CameraListState, type PageSize } from './camera-list-state';
import type { DevicesApi } from './devices-api';
import type { OrgChoices } from './use-org-units';

const COLUMNS: Array<{ key: CameraSortKey; label: MessageKey }> = [
  { key: 'name', label: 'cameras.col.name' },
  { key: 'orgUnit', label: 'cameras.col.org' },
  { key: 'category', label: 'cameras.col.category' },
  { key: 'sourceType', label: 'cameras.col.source' },
  { key: 'host', label: 'cameras.col.host' },
  { key: 'status', label: 'cameras.col.status' },
];
// Typing settles before the gateway is asked.
const SEARCH_DELAY_MS = 300;

/** A filter of the list: "all" first, then each choice as [value, label]. */
function FilterSelect({ label, all, value, options, testId, onChange }: { label: string; all: string; value: string; options: Array<[string, string]>; testId: string; onChange: (value: string) => void }) {
  return (
    <select aria-label={label} value={value} data-testid={testId} onChange={(e) => onChange(e.target.value)}>
      <option value="">{all}</option>
      {options.map(([v, text]) => (
        <option key={v} value={v}>
          {text}
        </option>
      ))}
    </select>
  );
}

interface Loaded {
  items: CameraDto[];
  total: number;
}

/**
 * The technician's camera list: one page at a time from the gateway (sorted, filtered, scoped there), with the
 * store's live copy of each row's camera laid over it, so status changes show without a reload.
 */
export function CameraList({ api, choices, refreshKey, onEdit, onNew }: { api: Pick<DevicesApi, 'listCameras'>; choices: OrgChoices; refreshKey: number; onEdit: (camera: CameraDto) => void; onNew: () => void }) {
  const { t, lang } = useI18n();
  const live = useGatewaySelector((s) => s.camerasById);
  // A camera added or removed anywhere (the realtime `cameras` topic) reloads the page shown.
  const inventorySize = useGatewaySelector((s) => s.cameras.length);
  const [state, setState] = useState<CameraListState>(initialListState);
  const [typed, setTyped] = useState('');
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    if (typed === state.q) return;
    const timer = setTimeout(() => setState((s) => withFilter(s, { q: typed })), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [typed, state.q]);

  useEffect(() => {
    let cancelled = false;
    api.listCameras(toQuery(state)).then(
      (page) => {
        if (cancelled) return;
        setError(null);
        // A deletion elsewhere can leave the page past the end: show the last one instead of an empty page.
        if (page.items.length === 0 && state.page > 0 && page.total > 0) setState((s) => withPage(s, s.page, page.total));
        else setLoaded(page);
      },
      (e: unknown) => !cancelled && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      cancelled = true;
    };
  }, [api, state, refreshKey, reload, inventorySize]);

  const org = (id: string) => {
    const u = choices.byId.get(id);
    return u ? orgLabel(u, lang) : id;
  };
  const set = (next: (s: CameraListState) => CameraListState) => setState(next);
  const total = loaded?.total ?? 0;
  const rows = (loaded?.items ?? []).map((c) => live.get(c.id) ?? c);
  const pages = pageCount(total, state.pageSize);
  const { first, last } = shownRange(state, total, rows.length);
  const villages = state.townshipId ? choices.villagesOf(state.townshipId) : [];
  const filtered = state.status !== '' || state.category !== '' || state.townshipId !== '' || state.q !== '';

  return (
    <div className="dev-panel" data-testid="camera-list" data-total={loaded?.total ?? ''}>
      <div className="dev-actions" role="search">
        <input type="search" className="dev-search" value={typed} placeholder={t('cameras.search')} aria-label={t('cameras.search')} maxLength={100} data-testid="camera-list-search" onChange={(e) => setTyped(e.target.value)} />
        <FilterSelect label={t('cameras.filter.status')} all={t('cameras.filter.allStatuses')} value={state.status} testId="camera-filter-status" options={CAMERA_STATUSES.map((st) => [st, t(`camera.status.${st}`)])} onChange={(v) => set((s) => withFilter(s, { status: v as CameraListState['status'] }))} />
        <FilterSelect label={t('cameras.filter.category')} all={t('cameras.filter.allCategories')} value={String(state.category)} testId="camera-filter-category" options={CAMERA_CATEGORIES.map((c) => [String(c), t(`cameras.category.${c}`)])} onChange={(v) => set((s) => withFilter(s, { category: v === '' ? '' : (Number(v) as CameraListState['category']) }))} />
        <FilterSelect label={t('cameras.filter.township')} all={t('cameras.filter.allTownships')} value={state.townshipId} testId="camera-filter-township" options={choices.tops.map((u) => [u.id, orgLabel(u, lang)])} onChange={(v) => set((s) => withFilter(s, { townshipId: v }))} />
        {villages.length > 0 && (
          <FilterSelect label={t('cameras.filter.village')} all={t('cameras.filter.allVillages')} value={state.villageId} testId="camera-filter-village" options={villages.map((u) => [u.id, orgLabel(u, lang)])} onChange={(v) => set((s) => withFilter(s, { villageId: v }))} />
        )}
        {filtered && (
          <button
            type="button"
            className="ghost"
            data-testid="camera-filter-clear"
            onClick={() => {
              setTyped('');
              set((s) => ({ ...initialListState, sort: s.sort, order: s.order, pageSize: s.pageSize }));
            }}
          >
            {t('cameras.filter.clear')}
          </button>
        )}
        <span className="dev-muted" data-testid="camera-list-total">
          {loaded ? t('cameras.total', { count: total }) : t('cameras.loading')}
        </span>
        <span className="dev-spacer" />
        <button type="button" className="ghost" data-testid="camera-list-refresh" onClick={() => setReload((n) => n + 1)}>
          {t('cameras.refresh')}
        </button>
        <button type="button" className="primary" data-testid="camera-new" onClick={onNew}>
          {t('cameras.new')}
        </button>
      </div>
      {error && (
        <div className="dev-error" role="alert">
          {t('cameras.loadFailed', { message: error })}
        </div>
      )}
      <div className="dev-table-wrap">
        <table className="dev-table compact">
          <thead>
            <tr>
              {COLUMNS.map((col) => (
                <th key={col.key} aria-sort={ariaSort(state, col.key)}>
                  <button type="button" className="dev-sort" title={t('cameras.sortBy', { column: t(col.label) })} data-testid={`camera-sort-${col.key}`} onClick={() => set((s) => withSort(s, col.key))}>
                    {t(col.label)}
                    <span className="dev-sort-mark" aria-hidden="true">
                      {state.sort === col.key ? (state.order === 'asc' ? '▲' : '▼') : ''}
                    </span>
                  </button>
                </th>
              ))}
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.id} data-testid={`camera-list-row-${c.id}`}>
                <td>{c.name}</td>
                <td>{org(c.orgUnitId)}</td>
                <td>{t(`cameras.category.${c.category}`)}</td>
                <td>{t(`form.source.${c.sourceType}`)}</td>
                <td className="mono">{c.host}</td>
                <td>
                  <span className={`status-dot dot-${c.status}`} aria-hidden="true" /> {t(`camera.status.${c.status}`)}
                </td>
                <td>
                  <button type="button" className="ghost" data-testid={`camera-edit-${c.id}`} onClick={() => onEdit(c)}>
                    {t('cameras.edit')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {loaded && rows.length === 0 && <div className="dev-muted">{t('cameras.empty')}</div>}
      </div>
      <div className="dev-actions dev-pager" data-testid="camera-pager">
        <button type="button" className="ghost" disabled={state.page === 0} data-testid="camera-page-first" onClick={() => set((s) => withPage(s, 0, total))}>
          {t('cameras.page.first')}
        </button>
        <button type="button" className="ghost" disabled={state.page === 0} data-testid="camera-page-prev" onClick={() => set((s) => withPage(s, s.page - 1, total))}>
          {t('cameras.page.prev')}
        </button>
        <span data-testid="camera-page-of">{t('cameras.page.of', { page: state.page + 1, pages })}</span>
        <button type="button" className="ghost" disabled={state.page >= pages - 1} data-testid="camera-page-next" onClick={() => set((s) => withPage(s, s.page + 1, total))}>
          {t('cameras.page.next')}
        </button>
        <button type="button" className="ghost" disabled={state.page >= pages - 1} data-testid="camera-page-last" onClick={() => set((s) => withPage(s, pages - 1, total))}>
          {t('cameras.page.last')}
        </button>
        <span className="dev-muted">{t('cameras.page.range', { first, last })}</span>
        <select aria-label={t('cameras.page.size')} value={state.pageSize} data-testid="camera-page-size" onChange={(e) => set((s) => withPageSize(s, Number(e.target.value) as PageSize))}>
          {PAGE_SIZES.map((n) => (
            <option key={n} value={n}>
              {t('cameras.page.sizeOption', { size: n })}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
