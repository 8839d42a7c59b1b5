import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { SessionUserDto } from '../../../../contracts/src/auth';
import type { LayoutDto } from '../../../../contracts/src/layout';
import { useToast } from '../../components/ui/toasts';
import { toGatewayError } from '../../gateway/gateway-error';
import { useGatewayClient } from '../../gateway/use-gateway';
import { useT } from '../../i18n/use-t';
import { docOf, fromLayoutDto, layoutRights, sortLayouts, toLayoutCreate, type LayoutRights } from './layout-dto';
import type { WallControls } from './use-wall-layout';
import { isDirty, layoutFingerprint, type Visibility } from './wall-layout';

export interface SavedLayouts {
  items: readonly LayoutDto[];
  loading: boolean;
  error: string | null;
  refresh: () => void;
  /** What the user may do with the named layout the wall belongs to. */
  rights: LayoutRights;
  dirty: boolean;
  open: (dto: LayoutDto) => void;
  /** Saves over the current named layout; 'needs-name' when there is none the user may change (ask, then saveAs). */
  save: () => Promise<'saved' | 'needs-name' | 'failed'>;
  saveAs: (name: string, shared: boolean) => Promise<boolean>;
  rename: (name: string) => Promise<boolean>;
  setShared: (shared: boolean) => Promise<boolean>;
  remove: (dto: LayoutDto) => Promise<boolean>;
}

const docFields = (dto: LayoutDto) => ({ id: dto.id, name: dto.name, ownerId: dto.ownerId, visibility: dto.visibility });

export function useSavedLayouts(wall: WallControls, user: SessionUserDto, mayShare: boolean): SavedLayouts {
  const client = useGatewayClient();
  const toast = useToast();
  const t = useT();
  const [items, setItems] = useState<LayoutDto[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { state, load, markSaved, forgetDoc } = wall;
  const doc = state.doc;
  const docId = doc?.id ?? null;
  // The latest wall state for async continuations (a save sends what is on the wall when it is called).
  const latest = useRef(state);
  latest.current = state;

  const fail = useCallback((e: unknown) => toast('error', t('layout.failed', { message: toGatewayError(e).message })), [toast, t]);

  const refresh = useCallback(() => {
    setLoading(true);
    client.listLayouts().then(
      (list) => {
        setItems(sortLayouts(list, user.id));
        setError(null);
        setLoading(false);
        // The named layout this wall came from was deleted (elsewhere): the wall keeps its cells, unnamed.
        if (docId && !list.some((l) => l.id === docId)) forgetDoc();
      },
      (e: unknown) => {
        setError(toGatewayError(e).message);
        setLoading(false);
      },
    );
  }, [client, user.id, docId, forgetDoc]);

  useEffect(() => {
    refresh();
    // Only once at start; the menu refreshes when it opens.
  }, []);

  const upsert = useCallback((dto: LayoutDto) => setItems((list) => sortLayouts([...list.filter((l) => l.id !== dto.id), dto], user.id)), [user.id]);

  const rights = useMemo(() => layoutRights(doc, user, mayShare), [doc, user, mayShare]);
  const dirty = isDirty(state);

  const open = useCallback(
    (dto: LayoutDto) => {
      const layout = fromLayoutDto(dto);
      if (!layout) return toast('error', t('layout.invalid', { name: dto.name }));
      load(layout, docOf(dto, layout));
      toast('info', t('layout.loaded', { name: dto.name }));
    },
    [load, toast, t],
  );

  const saveAs = useCallback(
    async (name: string, shared: boolean) => {
      const snapshot = latest.current;
      const visibility: Visibility = shared && mayShare ? 'everyone' : 'private';
      try {
        const dto = await client.createLayout(toLayoutCreate(snapshot, name, visibility));
        markSaved(docFields(dto), layoutFingerprint(snapshot));
        upsert(dto);
        toast('success', t('layout.saved', { name: dto.name }));
        return true;
      } catch (e) {
        fail(e);
        return false;
      }
    },
    [client, markSaved, upsert, toast, t, fail, mayShare],
  );

  const save = useCallback(async () => {
    const snapshot = latest.current;
    const current = snapshot.doc;
    if (!current || !layoutRights(current, user, mayShare).canEdit) return 'needs-name' as const;
    try {
      const body = toLayoutCreate(snapshot, current.name, current.visibility);
      const dto = await client.updateLayout(current.id, { cols: body.cols, rows: body.rows, cells: body.cells });
      markSaved(docFields(dto), layoutFingerprint(snapshot));
      upsert(dto);
      toast('success', t('layout.saved', { name: dto.name }));
      return 'saved' as const;
    } catch (e) {
      fail(e);
      return 'failed' as const;
    }
  }, [client, user, mayShare, markSaved, upsert, toast, t, fail]);

  const patchDoc = useCallback(
    async (patch: { name?: string; visibility?: Visibility }, message: (dto: LayoutDto) => string) => {
      const current = latest.current.doc;
      if (!current) return false;
      try {
        const dto = await client.updateLayout(current.id, patch);
        // Only the name or sharing changed: keep the fingerprint the cells were saved with.
        markSaved(docFields(dto), current.savedFingerprint);
        upsert(dto);
        toast('success', message(dto));
        return true;
      } catch (e) {
        fail(e);
        return false;
      }
    },
    [client, markSaved, upsert, toast, fail],
  );

  const rename = useCallback((name: string) => patchDoc({ name: name.trim() }, (dto) => t('layout.renamed', { name: dto.name })), [patchDoc, t]);
  const setShared = useCallback(
    (shared: boolean) => patchDoc({ visibility: shared ? 'everyone' : 'private' }, (dto) => t(shared ? 'layout.shared' : 'layout.unshared', { name: dto.name })),
    [patchDoc, t],
  );

  const remove = useCallback(
    async (dto: LayoutDto) => {
      try {
        await client.deleteLayout(dto.id);
        setItems((list) => list.filter((l) => l.id !== dto.id));
        if (latest.current.doc?.id === dto.id) forgetDoc();
        toast('success', t('layout.deleted', { name: dto.name }));
        return true;
      } catch (e) {
        fail(e);
        return false;
      }
    },
    [client, forgetDoc, toast, t, fail],
  );

  return { items, loading, error, refresh, rights, dirty, open, save, saveAs, rename, setShared, remove };
}
