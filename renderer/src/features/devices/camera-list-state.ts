// The technicians' camera list (pure): filters, sort and page, kept as state and turned into the query of
// GET /api/v1/cameras, which pages, sorts and filters on the gateway (880+ cameras never come to the page at once).
import type { CameraCategory, CameraListQuery, CameraSortKey, CameraStatus, SortOrder } from '../../../../contracts/src/camera';

export const PAGE_SIZES = [25, 50, 100, 200] as const;
export type PageSize = (typeof PAGE_SIZES)[number];

export interface CameraListState {
  status: CameraStatus | '';
  category: CameraCategory | '';
  /** A township (or the county) and optionally one of its villages: the list shows that unit's whole subtree. */
  townshipId: string;
  villageId: string;
  /** As typed; trimmed when sent. */
  q: string;
  sort: CameraSortKey | null;
  order: SortOrder;
  page: number;
  pageSize: PageSize;
}

export const initialListState: CameraListState = { status: '', category: '', townshipId: '', villageId: '', q: '', sort: null, order: 'asc', page: 0, pageSize: 50 };

export type ListFilter = Partial<Pick<CameraListState, 'status' | 'category' | 'townshipId' | 'villageId' | 'q'>>;

/** A new filter shows its first page; a new township forgets the village of the old one. */
export function withFilter(s: CameraListState, f: ListFilter): CameraListState {
  const next = { ...s, ...f, page: 0 };
  if (f.townshipId !== undefined && f.villageId === undefined) next.villageId = '';
  return next;
}

/** A click on a column header: the same column flips its order, another one sorts ascending from the first page. */
export function withSort(s: CameraListState, key: CameraSortKey): CameraListState {
  if (s.sort === key) return { ...s, order: s.order === 'asc' ? 'desc' : 'asc', page: 0 };
  return { ...s, sort: key, order: 'asc', page: 0 };
}

export function withPageSize(s: CameraListState, pageSize: PageSize): CameraListState {
  // Keep the first row shown in view.
  return { ...s, pageSize, page: Math.floor((s.page * s.pageSize) / pageSize) };
}

export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

/** Page `page`, kept within the list (a filter or a deletion can shrink it under the page shown). */
export function withPage(s: CameraListState, page: number, total: number): CameraListState {
  return { ...s, page: Math.min(Math.max(0, page), pageCount(total, s.pageSize) - 1) };
}

export function toQuery(s: CameraListState): Partial<CameraListQuery> {
  const q: Partial<CameraListQuery> = { limit: s.pageSize, offset: s.page * s.pageSize };
  const orgUnit = s.villageId || s.townshipId;
  if (orgUnit) q.orgUnit = orgUnit;
  if (s.status) q.status = s.status;
  if (s.category) q.category = s.category;
  const text = s.q.trim();
  if (text) q.q = text.slice(0, 100);
  if (s.sort) {
    q.sort = s.sort;
    q.order = s.order;
  }
  return q;
}

/** Rows `first`–`last` (1-based) of `total` shown on this page; 0–0 for an empty list. */
export function shownRange(s: CameraListState, total: number, rowsOnPage: number): { first: number; last: number } {
  if (total === 0 || rowsOnPage === 0) return { first: 0, last: 0 };
  const first = s.page * s.pageSize + 1;
  return { first, last: first + rowsOnPage - 1 };
}

/** `aria-sort` of a column header. */
export function ariaSort(s: CameraListState, key: CameraSortKey): 'ascending' | 'descending' | 'none' {
  if (s.sort !== key) return 'none';
  return s.order === 'asc' ? 'ascending' : 'descending';
}
