// A report the page asks the gateway for whenever its query (or refreshKey) changes: the latest answer, whether one
// is on its way, and the failure in words (in the console's current language). A late answer to an older query is
// dropped.
import { useEffect, useRef, useState } from 'react';
import { toGatewayError } from '../../gateway/gateway-error';

export interface Report<T> {
  data: T | null;
  loading: boolean;
  error: string | null;
}

export function useReport<T>(query: string | null, load: (query: string) => Promise<T>, failedText: (message: string) => string, refreshKey = 0): Report<T> {
  const [state, setState] = useState<{ data: T | null; loading: boolean; failure: string | null }>({ data: null, loading: true, failure: null });
  // A new function every render: the request follows the query, not it.
  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(() => {
    if (!query) return;
    let cancelled = false;
    setState((s) => ({ ...s, loading: true }));
    loadRef.current(query).then(
      (data) => !cancelled && setState({ data, loading: false, failure: null }),
      (e: unknown) => !cancelled && setState((s) => ({ ...s, loading: false, failure: toGatewayError(e).message })),
    );
    return () => {
      cancelled = true;
    };
  }, [query, refreshKey]);
  return { data: state.data, loading: state.loading, error: state.failure === null ? null : failedText(state.failure) };
}
