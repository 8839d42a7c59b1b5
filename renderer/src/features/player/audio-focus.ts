// Which player may be heard. Tiles start muted; unmuting one mutes whichever was audible before, so at most one
// camera is heard across the console (wall tiles, the map preview and the alarm popup share this).

type Listener = () => void;

let audible: symbol | null = null;
const listeners = new Set<Listener>();

function set(owner: symbol | null): void {
  if (audible === owner) return;
  audible = owner;
  for (const l of listeners) l();
}

export const audioFocus = {
  isAudible: (owner: symbol): boolean => audible === owner,
  /** Makes `owner` the one audible player (muting the previous one), or mutes everything with null. */
  set,
  /** `owner` goes away (unmounted, another camera): if it was audible, nothing is now. */
  release(owner: symbol): void {
    if (audible === owner) set(null);
  },
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
