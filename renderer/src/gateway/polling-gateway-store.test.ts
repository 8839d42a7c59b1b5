import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CameraDto } from '../../../contracts/src/camera';
import type { OrgUnit } from '../../../contracts/src/org-unit';
import { GatewayError } from './gateway-error';
import { streamKey, type PipelineStatusDto } from './gateway-types';
import { createPollingGatewayStore } from './polling-gateway-store';

const org: OrgUnit = { id: '141130', name: '交口县', nameEn: 'Jiaokou', level: 'county', parentId: null, lat: null, lng: null, demo: true };
const camera = { id: 'c1', name: '人民路口', orgUnitId: '141130', status: 'online', statusReason: null, updatedAt: 't0' } as CameraDto;
const stream: PipelineStatusDto = { cameraId: 'c1', profile: 'sub', state: 'live', reason: null, viewers: 1, fps: 25, bitrateBps: 1, lastFragmentAgeMs: 100, restarts: 0 };

function fakeClient() {
  return {
    listOrgUnits: vi.fn(async () => [org]),
    listAllCameras: vi.fn(async () => [camera]),
    listStreams: vi.fn(async (): Promise<PipelineStatusDto[]> => [stream]),
  };
}

describe('polling gateway store', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('polls streams every 2 s and the inventory every 10 s', async () => {
    const client = fakeClient();
    const store = createPollingGatewayStore({ client, canReadStreams: true });
    const listener = vi.fn();
    store.subscribe(listener);
    store.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(store.getSnapshot().inventoryLoaded).toBe(true);
    expect(store.getSnapshot().camerasById.get('c1')?.name).toBe('人民路口');
    expect(store.getSnapshot().streams.get(streamKey('c1', 'sub'))?.state).toBe('live');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(client.listStreams).toHaveBeenCalledTimes(6);
    expect(client.listAllCameras).toHaveBeenCalledTimes(2);
    expect(listener).toHaveBeenCalled();
    store.stop();
    await vi.advanceTimersByTimeAsync(20_000);
    expect(client.listStreams).toHaveBeenCalledTimes(6);
  });

  it('keeps the camera array when nothing changed', async () => {
    const store = createPollingGatewayStore({ client: fakeClient(), canReadStreams: false });
    store.start();
    await vi.advanceTimersByTimeAsync(0);
    const first = store.getSnapshot().cameras;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(store.getSnapshot().cameras).toBe(first);
    store.stop();
  });

  it('reports a failure and clears it on the next success', async () => {
    const client = fakeClient();
    client.listStreams.mockRejectedValueOnce(new GatewayError(0, 'network', 'Failed to fetch'));
    const store = createPollingGatewayStore({ client, canReadStreams: true });
    store.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(store.getSnapshot().error?.message).toBe('Failed to fetch');
    await vi.advanceTimersByTimeAsync(2000);
    expect(store.getSnapshot().error).toBeNull();
    store.stop();
  });

  it('stops polling streams after a 403', async () => {
    const client = fakeClient();
    client.listStreams.mockRejectedValue(new GatewayError(403, 'forbidden', 'role viewer lacks permission stream.read'));
    const store = createPollingGatewayStore({ client, canReadStreams: true });
    store.start();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(client.listStreams).toHaveBeenCalledTimes(1);
    expect(store.getSnapshot().error).toBeNull();
    store.stop();
  });

  it('never polls streams for a role without stream.read', async () => {
    const client = fakeClient();
    const store = createPollingGatewayStore({ client, canReadStreams: false });
    store.start();
    await vi.advanceTimersByTimeAsync(5000);
    expect(client.listStreams).not.toHaveBeenCalled();
    store.stop();
  });
});
