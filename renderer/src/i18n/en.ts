import type { zhCN } from './zh-CN';
import { reasonEn } from './reason-strings';

export const en: Record<keyof typeof zhCN, string> = {
  'app.title': 'County Video Command Console',
  'app.loading': 'Loading…',

  'lang.label': 'Language',
  'lang.zh-CN': '中文',
  'lang.en': 'EN',

  'topbar.user': 'Signed in: {name} ({role})',
  'topbar.logout': 'Log out',
  'topbar.layout': 'Layout',
  'topbar.layoutN': '{n} tiles',
  'topbar.online': 'Online {online} / {total}',

  'role.admin': 'Administrator',
  'role.county-operator': 'Command-hall operator',
  'role.township-officer': 'Township duty officer',
  'role.technician': 'Technician',
  'role.viewer': 'Viewer',

  'login.title': 'Sign in',
  'login.username': 'Username',
  'login.password': 'Password',
  'login.submit': 'Sign in',
  'login.submitting': 'Signing in…',
  'login.failed': 'Wrong username or password',
  'login.error': 'Sign-in failed: {message}',
  'login.required': 'Enter username and password',

  'session.checking': 'Checking session…',
  'session.expired': 'Your session has expired, please sign in again',

  'gateway.unreachable': 'Gateway connection problem: {message}',
  'gateway.network': 'Cannot reach the gateway',

  'tree.title': 'Cameras',
  'tree.search': 'Search cameras or areas',
  'tree.clearSearch': 'Clear search',
  'tree.empty': 'No matching cameras',
  'tree.loading': 'Loading cameras…',
  'tree.other': 'Unassigned',
  'tree.countTitle': '{online} online of {total}',
  'tree.expand': 'Expand',
  'tree.collapse': 'Collapse',
  'tree.cameraTitle': '{name} ({status}) — click or drag onto a tile to play',

  'camera.status.online': 'Online',
  'camera.status.offline': 'Offline',
  'camera.status.unknown': 'Unknown',

  'wall.label': 'Video wall',

  'tile.live': 'Live',
  'tile.connecting': 'Connecting',
  'tile.reconnecting': 'Reconnecting',
  'tile.offline': 'Offline',
  'tile.empty': 'Click or drag a camera here',
  'tile.latency': 'Latency {seconds} s',
  'tile.lagging': 'Lagging',
  'tile.behind': '{seconds} s behind live',
  'tile.frameAge': 'Last frame {seconds} s ago',
  'tile.close': 'Close tile',
  'tile.hint': 'Double-click to enlarge / restore; drag to swap tiles',
  'tile.profile.main': 'Main stream',
  'tile.profile.sub': 'Sub stream',
  'tile.subForCapacity': 'Transcode capacity reached: playing the sub stream instead of the main stream',
  'tile.stream.menu': 'Stream',
  'tile.stream.auto': 'Automatic',
  'tile.stream.main': 'Main stream',
  'tile.stream.sub': 'Sub stream',
  'tile.unknownCamera': 'Camera {id}',
  'tile.authStopped': 'Authentication failed — retries stopped',
  'tile.retry': 'Retry',
  'tile.audioOn': 'Turn sound on',
  'tile.audioOff': 'Turn sound off',

  'reason.frozen': 'Picture stopped updating',
  'reason.unsupported': 'This browser cannot play HLS',
  'reason.network': 'Network error',
  'reason.media': 'Decoding error',
  'reason.noPipeline': 'Waiting for the stream',

  'date.input.date': 'e.g. 7 Dec 2026',
  'date.input.dateTime': 'e.g. 7 Dec 2026 08:00',
  'date.input.invalid': 'Not a readable date — write it as in the example',

  ...reasonEn,
};
