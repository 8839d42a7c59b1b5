import type { FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import { clientMessageSchema, type ServerMessage } from '../../../contracts/src/realtime';
import { roleHas, type Permission } from '../../../contracts/src/permissions';
import type { AuthUser } from '../auth/auth-user';
import { authenticatedRoute } from '../auth/route-policy';
import type { ScopeService } from '../auth/scope-service';
import type { AuditRepository } from '../db/audit-repository';
import type { EventHub, HubEvent } from './event-hub';

const TOPIC_PERMISSION: Record<string, Permission> = { streams: 'stream.read', cameras: 'camera.read', wall: 'camera.live', discovery: 'discovery.run', alarms: 'alarm.read', incidents: 'incident.read' };

/**
 * Topics whose events concern the whole site by nature: ONVIF scans cover address ranges, not org units; a wall's
 * commands go to whichever session drives that physical wall (its tiles still need live URLs, which are scoped).
 */
const isSiteTopic = (topic: string) => topic === 'discovery' || topic.startsWith('wall:');

function permissionFor(topic: string): Permission | undefined {
  return TOPIC_PERMISSION[topic.startsWith('wall:') ? 'wall' : topic];
}

/**
 * One WebSocket per console. The client subscribes to topics (optionally with the last sequence it saw); it only
 * ever receives events its role may read and whose org unit lies in its scope.
 */
export function registerWsRoutes(app: FastifyInstance, deps: { hub: EventHub; scope: ScopeService; audit?: AuditRepository }): void {
  app.get('/api/v1/ws', { websocket: true, config: authenticatedRoute }, (socket: WebSocket, req) => {
    const user = req.user as AuthUser;
    const topics = new Set<string>();
    const send = (m: ServerMessage) => {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(m));
    };
    // An event without an org unit (an alarm of no township, a deleted camera's pipeline) reaches only county-level
    // users, except on site-wide topics: a township officer never receives what is not provably theirs.
    const visible = (e: HubEvent) =>
      topics.has(e.topic) && (e.orgUnitId === null ? user.orgUnitId === null || isSiteTopic(e.topic) : deps.scope.canSeeOrgUnit(user, e.orgUnitId));
    const deliver = ({ orgUnitId: _scope, at, ...e }: HubEvent) => send({ type: 'event', ...e, at: new Date(at).toISOString() });
    const unsubscribe = deps.hub.subscribe((e) => {
      if (visible(e)) deliver(e);
    });
    send({ type: 'hello', seq: deps.hub.lastSeq });

    socket.on('message', (raw) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw.toString());
      } catch {
        return send({ type: 'error', message: 'message is not JSON' });
      }
      const msg = clientMessageSchema.safeParse(parsed);
      if (!msg.success) return send({ type: 'error', message: msg.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ') });
      if (msg.data.type === 'ping') return send({ type: 'pong' });
      for (const t of msg.data.topics) {
        const permission = permissionFor(t);
        if (!permission || !roleHas(user.role, permission)) {
          deps.audit?.append({ userId: user.id, username: user.username, action: 'access.denied', targetType: 'ws-topic', targetId: t, outcome: 'denied', ip: req.ip, details: { reason: `role ${user.role} lacks permission ${permission ?? '(none)'}` } });
          return send({ type: 'error', message: `topic ${t}: not permitted for role ${user.role}` });
        }
      }
      for (const t of msg.data.topics) topics.add(t);
      if (msg.data.since !== undefined) {
        const missed = deps.hub.since(msg.data.since);
        if (missed === 'gap') send({ type: 'resync', seq: deps.hub.lastSeq });
        else for (const e of missed) if (visible(e)) deliver(e);
      }
    });
    socket.on('close', unsubscribe);
    socket.on('error', unsubscribe);
  });
}
