// Hash routes of the one renderer build: the operator console (default) and the chrome-less wall
// (`#/wall?wall=<id>` from the console, `#/wall?layout=<layoutId>&display=<n>` from the Electron wall windows).

export type Route = { kind: 'console' } | { kind: 'wall'; wallId: string | null; layoutId: string | null; display: number | null };

const ID = /^[A-Za-z0-9_-]{1,64}$/;

export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const [path = '', query = ''] = raw.split('?', 2);
  if (path.replace(/\/+$/, '') !== '/wall') return { kind: 'console' };
  const params = new URLSearchParams(query);
  const id = (name: string) => {
    const value = params.get(name)?.trim() ?? '';
    return ID.test(value) ? value : null;
  };
  const displayRaw = params.get('display');
  const display = displayRaw !== null && /^\d{1,2}$/.test(displayRaw) && Number(displayRaw) >= 1 ? Number(displayRaw) : null;
  return { kind: 'wall', wallId: id('wall'), layoutId: id('layout'), display };
}

export function wallHref(wallId: string): string {
  return `#/wall?wall=${encodeURIComponent(wallId)}`;
}
