import { Injectable } from '@nestjs/common';

/** Resolves when a dependency is reachable; rejects (or times out) when not. */
export type ReadinessCheck = () => Promise<unknown>;

/**
 * The dependencies `/health/ready` checks. Apps and libraries register the ones they need at
 * start-up; the platform runs them in parallel on every readiness probe.
 *
 * @example
 * constructor(readiness: ReadinessRegistry, health: ServiceClientsHealth) {
 *   readiness.register('product-service', () => health.check('product'));
 * }
 */
@Injectable()
export class ReadinessRegistry {
  private readonly checks = new Map<string, ReadinessCheck>();

  register(name: string, check: ReadinessCheck): void {
    this.checks.set(name, check);
  }

  entries(): [string, ReadinessCheck][] {
    return [...this.checks];
  }
}
