// Hash routes of the one renderer build: the operator console (default) and the chrome-less wall
// (`#/wall?wall=<id>` from the console, `#/wall?layout=<layoutId>&display=<n>` from the Electron wall windows), and
// the desktop shell's two other windows: the alarm window (`#/alarm-window`, the console opened on its alarms) and
// the identify overlay (`#/identify?display=<n>`, a big number).

export type Route =
  | { kind: 'console' }
  | { kind: 'wall'; wallId: string | null; layoutId: string | null; display: number | null }
  | { kind: 'alarm-window' }
  | { kind: 'identify'; display: number | null };

function displayParam(params: URLSearchParams): number | null {
  const raw = params.get('display');
  return raw !== null && /^\d{1,2}$/.test(raw) && Number(raw) >= 1 ? Number(raw) : null;
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;

export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const [rawPath = '', query = ''] = raw.split('?', 2);
  const path = rawPath.replace(/\/+$/, '');
  const params = new URLSearchParams(query);
  if (path === '/alarm-window') return { kind: 'alarm-window' };
  if (path === '/identify') return { kind: 'identify', display: displayParam(params) };
  if (path !== '/wall') return { kind: 'console' };
  const id = (name: string) => {
    const value = params.get(name)?.trim() ?? '';
    return ID.test(value) ? value : null;
  };
  return { kind: 'wall', wallId: id('wall'), layoutId: id('layout'), display: displayParam(params) };
}

export function wallHref(wallId: string): string {
  return `#/wall?wall=${encodeURIComponent(wallId)}`;
}
