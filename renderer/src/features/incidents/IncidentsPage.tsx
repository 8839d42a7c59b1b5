import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { IncidentDetailDto, IncidentDto, IncidentTopicEvent, IncidentUserAction } from '../../../../contracts/src/incident';
import { roleHas } from '../../../../contracts/src/permissions';
import type { SectionProps } from '../../components/section-props';
import { useToast } from '../../components/ui/toasts';
import { toGatewayError } from '../../gateway/gateway-error';
import { useGatewaySelector } from '../../gateway/use-gateway';
import { useI18n } from '../../i18n/use-t';
import { createIncidentApi } from './incident-api';
import { applyPushed, EMPTY_FILTER, isNewer, listQuery, matchesFilter, type IncidentFilter, type ListState } from './incident-list';
import { orgWithin } from './incident-workflow';
import { waitsFor } from '../../../../contracts/src/incident-todo';
import { IncidentDetail } from './IncidentDetail';
import { IncidentForm } from './IncidentForm';
import { IncidentFilters, IncidentList } from './IncidentList';
import { useIncidentFeed } from './use-incident-feed';
import { jumpParams } from '../playback';
import './incidents.css';

type Pane = { kind: 'none' } | { kind: 'detail'; id: string } | { kind: 'new' };
const POLL_MS = 10_000;
const TODO_FILTER: IncidentFilter = { ...EMPTY_FILTER, todo: true };

/** 事件: the filtered list (live), one incident's detail and workflow, and the create form. */
export function IncidentsPage({ user, params, showCameraOnWall, openSection }: SectionProps) {
  const { t } = useI18n();
  const toast = useToast();
  const api = useMemo(() => createIncidentApi(), []);
  const orgUnits = useGatewaySelector((s) => s.orgUnits);
  const orgUnitsById = useGatewaySelector((s) => s.orgUnitsById);
  const cameras = useGatewaySelector((s) => s.cameras);
  const camerasById = useGatewaySelector((s) => s.camerasById);
  const townships = useMemo(() => orgUnits.filter((u) => u.level === 'township').sort((a, b) => a.id.localeCompare(b.id)), [orgUnits]);
  const within = useCallback((unit: string, ancestor: string) => orgWithin(unit, ancestor, (id) => (orgUnitsById.has(id) ? (orgUnitsById.get(id)!.parentId ?? null) : undefined)), [orgUnitsById]);
  const actor = useMemo(() => ({ role: user.role, orgUnitId: user.orgUnitId }), [user.role, user.orgUnitId]);
  const waits = useCallback((i: IncidentDto) => waitsFor(actor, i, within), [actor, within]);
  const hasTodo = roleHas(user.role, 'incident.write') || roleHas(user.role, 'incident.handle');

  // ---- list ----
  // Opened from the top bar's 待我处理 badge: the list starts filtered to what waits for this user.
  const opened = params.filter === 'todo' ? TODO_FILTER : EMPTY_FILTER;
  const [filter, setFilter] = useState<IncidentFilter>(opened);
  const [applied, setApplied] = useState<IncidentFilter>(opened); // the filter with the search text debounced
  const [page, setPage] = useState(0);
  const [list, setList] = useState<ListState>({ items: [], total: 0 });
  const [listLoading, setListLoading] = useState(true);
  const [listError, setListError] = useState<string | null>(null);
  const [listTick, setListTick] = useState(0);

  useEffect(() => {
    const h = setTimeout(() => setApplied(filter), filter.q === applied.q ? 0 : 300);
    return () => clearTimeout(h);
  }, [filter, applied.q]);

  useEffect(() => {
    let cancelled = false;
    setListLoading(true);
    api.list(listQuery(applied, page)).then(
      (r) => {
        if (cancelled) return;
        setList({ items: r.items, total: r.total });
        setListError(null);
        setListLoading(false);
      },
      (error: unknown) => {
        if (cancelled) return;
        setListError(t('incidents.list.failed', { message: toGatewayError(error).message }));
        setListLoading(false);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [api, applied, page, listTick, t]);

  // ---- the right-hand pane ----
  const [pane, setPane] = useState<Pane>(() => (params.incidentId ? { kind: 'detail', id: params.incidentId } : { kind: 'none' }));
  useEffect(() => {
    // Opened (again) with an incident, e.g. from an alarm pop-up: every openSection call gives a new params object.
    if (params.incidentId) setPane({ kind: 'detail', id: params.incidentId });
    if (params.filter === 'todo') {
      setFilter(TODO_FILTER);
      setApplied(TODO_FILTER);
      setPage(0);
    }
  }, [params]);
  const [detail, setDetail] = useState<IncidentDetailDto | null>(null);
  const [detailError, setDetailError] = useState<{ id: string; message: string } | null>(null);
  const [detailTick, setDetailTick] = useState(0);
  const detailId = pane.kind === 'detail' ? pane.id : null;

  useEffect(() => {
    if (!detailId) {
      setDetail(null);
      return;
    }
    let cancelled = false;
    api.get(detailId).then(
      (d) => {
        if (cancelled) return;
        setDetail(d);
        setDetailError(null);
      },
      (error: unknown) => {
        if (cancelled) return;
        setDetailError({ id: detailId, message: t('incidents.detail.failed', { message: toGatewayError(error).message }) });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [api, detailId, detailTick, t]);

  // ---- live updates ----
  const current = useRef({ applied, page, detailId, detail, within, waits });
  useEffect(() => {
    current.current = { applied, page, detailId, detail, within, waits };
  });
  const onPushed = useCallback((incident: IncidentDto) => {
    const c = current.current;
    setList((l) => applyPushed(l, incident, { matches: matchesFilter(incident, c.applied, c.within, c.waits), firstPage: c.page === 0 }));
    if (c.detailId === incident.id && (!c.detail || c.detail.id !== incident.id || isNewer(incident, c.detail))) setDetailTick((n) => n + 1);
  }, []);
  const onEvent = useCallback((e: IncidentTopicEvent) => onPushed(e.incident), [onPushed]);
  const onResync = useCallback(() => {
    setListTick((n) => n + 1);
    setDetailTick((n) => n + 1);
  }, []);
  const transport = useIncidentFeed(onEvent, onResync);
  useEffect(() => {
    if (transport !== 'polling') return;
    const h = setInterval(onResync, POLL_MS);
    return () => clearInterval(h);
  }, [transport, onResync]);

  // ---- steps ----
  const onAct = useCallback(
    async (action: IncidentUserAction, body: Record<string, unknown>) => {
      if (!detailId) return;
      try {
        const updated = await api.act(detailId, action, body);
        onPushed(updated);
        setDetailTick((n) => n + 1);
        toast('success', t('incidents.actions.done', { action: t(`incidents.action.${action}`) }));
      } catch (error) {
        const e = toGatewayError(error);
        toast('error', t(e.status === 409 ? 'incidents.actions.refused' : 'incidents.actions.failed', { message: e.message }));
        if (e.status === 409) setDetailTick((n) => n + 1); // someone else moved it on: show where it is now
        throw e;
      }
    },
    [api, detailId, onPushed, t, toast],
  );
  const onUpload = useCallback(
    async (file: File) => {
      if (!detailId) return;
      await api.upload(detailId, file);
      setDetailTick((n) => n + 1);
    },
    [api, detailId],
  );

  const canCreate = roleHas(user.role, 'incident.handle');
  const select = (id: string) => setPane({ kind: 'detail', id });

  return (
    <div className="incidents-page" data-testid="incidents-page">
      <section className="incidents-left">
        <header className="incidents-head">
          <h2>{t('incidents.list.title')}</h2>
          <span className="incidents-head-spacer" />
          {canCreate && (
            <button type="button" className="primary" data-testid="incident-new" onClick={() => setPane({ kind: 'new' })}>
              + {t('incidents.new')}
            </button>
          )}
        </header>
        {transport === 'polling' && <p className="notice">{t('incidents.list.polling')}</p>}
        <IncidentFilters
          filter={filter}
          townships={townships}
          showTodo={hasTodo}
          onChange={(f) => {
            setFilter((prev) => (f === null ? EMPTY_FILTER : { ...prev, ...f }));
            setPage(0);
          }}
        />
        <IncidentList items={list.items} total={list.total} page={page} loading={listLoading} error={listError} selectedId={detailId} orgUnitsById={orgUnitsById} onSelect={select} onPage={setPage} />
      </section>
      <section className="incidents-right">
        {pane.kind === 'new' ? (
          <IncidentForm
            orgUnits={orgUnits}
            cameras={cameras}
            defaultOrgUnitId={user.orgUnitId ?? ''}
            create={(body) => api.create(body)}
            onSaved={onPushed}
            onOpen={select}
            onCancel={() => setPane({ kind: 'none' })}
          />
        ) : pane.kind === 'detail' ? (
          detail && detail.id === pane.id ? (
            <IncidentDetail
              incident={detail}
              user={actor}
              canUpload={canCreate}
              orgUnitsById={orgUnitsById}
              camerasById={camerasById}
              townships={townships}
              within={within}
              onAct={onAct}
              onUpload={onUpload}
              onClose={() => setPane({ kind: 'none' })}
              onRefresh={() => setDetailTick((n) => n + 1)}
              showCameraOnWall={showCameraOnWall}
              openPlayback={roleHas(user.role, 'camera.playback') ? (cameraId, at) => openSection('playback', jumpParams(cameraId, at)) : undefined}
            />
          ) : (
            <p className={detailError?.id === pane.id ? 'form-error incident-placeholder' : 'incident-muted incident-placeholder'}>{detailError?.id === pane.id ? detailError.message : t('incidents.detail.loading')}</p>
          )
        ) : (
          <p className="incident-muted incident-placeholder">{t('incidents.detail.placeholder')}</p>
        )}
      </section>
    </div>
  );
}

export default IncidentsPage;
