import { sql as m001 } from './001-initial';
import { sql as m002 } from './002-wall';
import { sql as m003 } from './003-health';
import { sql as m004 } from './004-camera-streams';
import { sql as m005 } from './005-alarms';
import { sql as m006 } from './006-incidents';
import { sql as m007 } from './007-onvif-uuid';
import { sql as m008 } from './008-access-audit';
import { sql as m009 } from './009-status-reason-code';
import { sql as m010 } from './010-object-owner-org';
import { sql as m011 } from './011-camera-auth-block';
import { sql as m012 } from './012-rtsp-transport';
import { sql as m013 } from './013-camera-audio';
import { sql as m014 } from './014-camera-ingest';
import { sql as m015 } from './015-wall-pushed-cells';
import { sql as m016 } from './016-status-event-reason-code';
// 017: camera-views report (last viewed per camera)
import { sql as m017 } from './017-view-sessions-last-viewed';
import { sql as m018 } from './018-alarm-source-admin';
import { sql as m019 } from './019-recording';
import { sql as m020 } from './020-recording-exports';
import { sql as m021 } from './021-recording-clips';

/** Numbered, forward-only. Never edit a shipped migration: add the next number. */
export const MIGRATIONS: ReadonlyArray<{ version: number; name: string; sql: string }> = [
  { version: 1, name: 'initial', sql: m001 },
  { version: 2, name: 'wall', sql: m002 },
  { version: 3, name: 'health', sql: m003 },
  { version: 4, name: 'camera-streams', sql: m004 },
  { version: 5, name: 'alarms', sql: m005 },
  { version: 6, name: 'incidents', sql: m006 },
  { version: 7, name: 'onvif-uuid', sql: m007 },
  { version: 8, name: 'access-audit', sql: m008 },
  { version: 9, name: 'status-reason-code', sql: m009 },
  { version: 10, name: 'object-owner-org', sql: m010 },
  { version: 11, name: 'camera-auth-block', sql: m011 },
  { version: 12, name: 'rtsp-transport', sql: m012 },
  { version: 13, name: 'camera-audio', sql: m013 },
  { version: 14, name: 'camera-ingest', sql: m014 },
  { version: 15, name: 'wall-pushed-cells', sql: m015 },
  { version: 16, name: 'status-event-reason-code', sql: m016 },
  // 017: camera-views report (last viewed per camera)
  { version: 17, name: 'view-sessions-last-viewed', sql: m017 },
  { version: 18, name: 'alarm-source-admin', sql: m018 },
  { version: 19, name: 'recording', sql: m019 },
  { version: 20, name: 'recording-exports', sql: m020 },
  { version: 21, name: 'recording-clips', sql: m021 },
];
