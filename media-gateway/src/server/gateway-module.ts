import type { FastifyInstance } from 'fastify';

/**
 * The one shape every gateway module has (like go2rtc's internal/<module>): a factory `createXModule(deps)` builds
 * it from a deps object; the composition root registers its routes, starts the modules in list order and stops them
 * in reverse, so shutdown lives in one place.
 */
export interface GatewayModule {
  name: string;
  routes?(app: FastifyInstance): void;
  start?(): Promise<void> | void;
  stop?(): Promise<void> | void;
}
