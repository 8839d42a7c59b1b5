import { useCallback, useEffect, useState } from 'react';
import type { TourCreate, TourDto } from '../../../../contracts/src/layout';
import { toGatewayError } from '../../gateway/gateway-error';
import { useGatewayClient } from '../../gateway/use-gateway';

export interface ToursApi {
  items: readonly TourDto[];
  loading: boolean;
  error: string | null;
  refresh: () => void;
  /** Creates (id null) or replaces a tour; rejects with the GatewayError. */
  save: (id: string | null, tour: TourCreate) => Promise<TourDto>;
  remove: (id: string) => Promise<void>;
}

const byName = (a: TourDto, b: TourDto) => a.name.localeCompare(b.name, 'zh-Hans-CN') || a.id.localeCompare(b.id);

/** The user's own tours and those shared with everyone. */
export function useTours(): ToursApi {
  const client = useGatewayClient();
  const [items, setItems] = useState<TourDto[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(() => {
    setLoading(true);
    client.listTours().then(
      (list) => {
        setItems([...list].sort(byName));
        setError(null);
        setLoading(false);
      },
      (e: unknown) => {
        setError(toGatewayError(e).message);
        setLoading(false);
      },
    );
  }, [client]);

  useEffect(() => refresh(), [refresh]);

  const save = useCallback(
    async (id: string | null, tour: TourCreate) => {
      const saved = id ? await client.updateTour(id, tour) : await client.createTour(tour);
      setItems((list) => [...list.filter((x) => x.id !== saved.id), saved].sort(byName));
      return saved;
    },
    [client],
  );

  const remove = useCallback(
    async (id: string) => {
      await client.deleteTour(id);
      setItems((list) => list.filter((x) => x.id !== id));
    },
    [client],
  );

  return { items, loading, error, refresh, save, remove };
}
