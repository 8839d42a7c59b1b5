import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { DemoFleetNotice, registerClientConfigRoutes } from './client-config-routes';
import type { GatewayConfig } from '../config/config-schema';
import type { OrgUnitRepository } from '../db/org-unit-repository';

const config = { map: { tileUrl: null, attribution: null, maxZoom: 18 }, auth: { hlsTokenTtlSec: 60 } } as unknown as GatewayConfig;

describe('client-config demoFleet', () => {
  it('is null on a real site and the launcher-set fleet once npm start told it', async () => {
    const demoFleet = new DemoFleetNotice();
    const app = Fastify();
    registerClientConfigRoutes(app, { config, orgUnits: { list: () => [] } as unknown as OrgUnitRepository, demoFleet });
    expect((await app.inject({ url: '/api/v1/client-config' })).json()).toMatchObject({ demoFleet: null });
    demoFleet.set({ ranges: ['127.1.0.1-127.1.0.8'], cameras: 8 });
    expect((await app.inject({ url: '/api/v1/client-config' })).json()).toMatchObject({ demoFleet: { ranges: ['127.1.0.1-127.1.0.8'], cameras: 8 } });
    await app.close();
  });

  it('refuses a malformed fleet and keeps what it had', () => {
    const demoFleet = new DemoFleetNotice();
    demoFleet.set({ ranges: ['127.1.0.1'], cameras: 1 });
    expect(() => demoFleet.set({ ranges: [], cameras: 1 })).toThrow();
    expect(() => demoFleet.set({ ranges: ['127.1.0.1'], cameras: 0 })).toThrow();
    expect(demoFleet.get()).toEqual({ ranges: ['127.1.0.1'], cameras: 1 });
  });
});
