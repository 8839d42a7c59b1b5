// What the UI reads from the gateway, behind one small interface: the WebSocket topic store (ws-gateway-store.ts),
// or the polling store it falls back to. Components read it with useSyncExternalStore (see use-gateway.ts).
import type { CameraDto } from '../../../contracts/src/camera';
import type { OrgUnit } from '../../../contracts/src/org-unit';
import type { GatewayError } from './gateway-error';
import { streamKey, type PipelineStatusDto } from './gateway-types';

export interface GatewaySnapshot {
  orgUnits: readonly OrgUnit[];
  orgUnitsById: ReadonlyMap<string, OrgUnit>;
  cameras: readonly CameraDto[];
  camerasById: ReadonlyMap<string, CameraDto>;
  /** Keyed by streamKey(cameraId, profile). */
  streams: ReadonlyMap<string, PipelineStatusDto>;
  /** True once org units and cameras have arrived at least once. */
  inventoryLoaded: boolean;
  /** The last polling failure, cleared by the next success; null when all is well. */
  error: GatewayError | null;
  /** How updates arrive: pushed over the WebSocket, polled (the socket cannot connect), or not yet known. */
  transport: GatewayTransport;
}

export type GatewayTransport = 'connecting' | 'websocket' | 'polling';

export interface GatewayStore {
  getSnapshot(): GatewaySnapshot;
  subscribe(listener: () => void): () => void;
  start(): void;
  stop(): void;
}

export const EMPTY_SNAPSHOT: GatewaySnapshot = {
  orgUnits: [],
  orgUnitsById: new Map(),
  cameras: [],
  camerasById: new Map(),
  streams: new Map(),
  inventoryLoaded: false,
  error: null,
  transport: 'connecting',
};

export function withTransport(prev: GatewaySnapshot, transport: GatewayTransport): GatewaySnapshot {
  return prev.transport === transport ? prev : { ...prev, transport };
}

function cameraFingerprint(cameras: readonly CameraDto[]): string {
  return cameras.map((c) => `${c.id}|${c.name}|${c.orgUnitId}|${c.status}|${c.statusReason ?? ''}|${c.updatedAt}`).join('\n');
}

function orgFingerprint(units: readonly OrgUnit[]): string {
  return units.map((u) => `${u.id}|${u.name}|${u.nameEn ?? ''}|${u.parentId ?? ''}|${u.level}`).join('\n');
}

/** New inventory into a snapshot, keeping the old arrays when nothing changed (so memoised trees stay put). */
export function withInventory(prev: GatewaySnapshot, orgUnits: readonly OrgUnit[], cameras: readonly CameraDto[]): GatewaySnapshot {
  const sameOrg = prev.inventoryLoaded && orgFingerprint(prev.orgUnits) === orgFingerprint(orgUnits);
  const sameCameras = prev.inventoryLoaded && cameraFingerprint(prev.cameras) === cameraFingerprint(cameras);
  if (sameOrg && sameCameras) return prev;
  return {
    ...prev,
    orgUnits: sameOrg ? prev.orgUnits : orgUnits,
    orgUnitsById: sameOrg ? prev.orgUnitsById : new Map(orgUnits.map((u) => [u.id, u])),
    cameras: sameCameras ? prev.cameras : cameras,
    camerasById: sameCameras ? prev.camerasById : new Map(cameras.map((c) => [c.id, c])),
    inventoryLoaded: true,
  };
}

export function withStreams(prev: GatewaySnapshot, items: readonly PipelineStatusDto[]): GatewaySnapshot {
  return { ...prev, streams: new Map(items.map((s) => [streamKey(s.cameraId, s.profile, s.video), s])) };
}

export function withError(prev: GatewaySnapshot, error: GatewayError | null): GatewaySnapshot {
  return prev.error === error ? prev : { ...prev, error };
}
