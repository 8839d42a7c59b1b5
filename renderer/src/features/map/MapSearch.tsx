import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { useI18n } from '../../i18n/use-t';
import { searchMap, type MapSearchHit, type SearchableCamera, type SearchableTownship } from './map-search';

export interface MapSearchProps {
  cameras: readonly SearchableCamera[];
  townships: readonly SearchableTownship[];
  onPick: (hit: MapSearchHit) => void;
}

/**
 * The map's search box (issue 13): camera name or id → fly there and open its preview; a township name → fit its
 * area. Enter takes the highlighted hit (the first by default), arrows move, Esc clears.
 * Test ids: map-search (input), map-search-results, map-search-hit (data-kind, data-camera-id).
 */
export function MapSearch({ cameras, townships, onPick }: MapSearchProps) {
  const { t, lang } = useI18n();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const listId = useId();
  const hits = useMemo(() => searchMap(query, cameras, townships, lang), [query, cameras, townships, lang]);
  const pick = (hit: MapSearchHit | undefined) => {
    if (!hit) return;
    onPick(hit);
    setQuery('');
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (hits.length) setActive((a) => (a + (e.key === 'ArrowDown' ? 1 : hits.length - 1)) % hits.length);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      pick(hits[Math.min(active, hits.length - 1)]);
    } else if (e.key === 'Escape') {
      setQuery('');
    }
  };
  return (
    <div className="map-search map-overlay" role="search" aria-label={t('map.searchLabel')}>
      <input
        type="search"
        value={query}
        placeholder={t('map.search')}
        aria-label={t('map.search')}
        aria-controls={listId}
        aria-expanded={query.trim() !== ''}
        role="combobox"
        aria-autocomplete="list"
        data-testid="map-search"
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKey}
      />
      {query.trim() !== '' && (
        <ul id={listId} className="map-search-results" role="listbox" data-testid="map-search-results">
          {hits.length === 0 && <li className="map-search-none">{t('map.searchNone')}</li>}
          {hits.map((hit, i) => (
            <li
              key={hit.kind === 'camera' ? `c:${hit.id}` : `t:${hit.label}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : ''}
              data-testid="map-search-hit"
              data-kind={hit.kind}
              data-camera-id={hit.kind === 'camera' ? hit.id : undefined}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => pick(hit)}
            >
              <span className="map-search-label">{hit.label}</span>
              <span className="map-search-detail">{hit.kind === 'camera' ? hit.detail : t('map.searchTownship')}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
