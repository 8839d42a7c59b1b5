import { useCallback, useEffect, useState } from 'react';

export interface Notice {
  kind: 'info' | 'error';
  text: string;
  seq: number;
}

const SHOW_MS = { info: 5000, error: 12_000 } as const;

/** One transient message over the map; a newer one replaces it. */
export function useNotice(): { notice: Notice | null; notify: (kind: Notice['kind'], text: string) => void; dismiss: () => void } {
  const [notice, setNotice] = useState<Notice | null>(null);
  const notify = useCallback((kind: Notice['kind'], text: string) => setNotice((n) => ({ kind, text, seq: (n?.seq ?? 0) + 1 })), []);
  const dismiss = useCallback(() => setNotice(null), []);
  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice((n) => (n?.seq === notice.seq ? null : n)), SHOW_MS[notice.kind]);
    return () => clearTimeout(timer);
  }, [notice]);
  return { notice, notify, dismiss };
}
