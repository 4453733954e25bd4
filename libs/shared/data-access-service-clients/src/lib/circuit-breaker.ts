/**
 * `closed`: calls flow; `open`: calls fail fast; `half-open`: one trial call decides.
 *
 * @example
 * if (breaker.state === 'open') logger.warn('product circuit open');
 */
export type CircuitState = 'closed' | 'open' | 'half-open';

/**
 * Thresholds, clock and state listener of a breaker.
 *
 * @example
 * new CircuitBreaker({ failureThreshold: 5, resetMs: 10_000, onStateChange: (s) => gauge.set(s) });
 */
export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit. */
  failureThreshold: number;
  /** How long the circuit stays open before it lets one trial call through. */
  resetMs: number;
  /** Clock in milliseconds; injectable for tests. */
  now?: () => number;
  onStateChange?: (state: CircuitState) => void;
}

/**
 * Permission to make one call, returned by `CircuitBreaker.acquire()`. Exactly one of its methods
 * should be called when the call ends; later calls are ignored.
 *
 * @example
 * const permit = breaker.acquire();
 * if (permit) call().then(() => permit.success(), () => permit.failure());
 */
export interface CircuitPermit {
  /** The service answered as a working service would (2xx, 404, most 4xx). */
  success(): void;
  /** The service failed (timeout, connection error, 5xx, bad body, 408, 429). */
  failure(): void;
  /** The call ended without saying anything about the service (e.g. the caller gave up). */
  release(): void;
}

/**
 * A consecutive-failure circuit breaker. Results of calls that started before the last state
 * change are ignored, so that a slow call from before the circuit opened cannot close it.
 *
 * @example
 * const breaker = new CircuitBreaker({ failureThreshold: 5, resetMs: 10_000 });
 * const permit = breaker.acquire();
 * if (!permit) throw new BffError('BFF_ERR_UPSTREAM_CIRCUIT_OPEN');
 * try { const value = await call(); permit.success(); return value; }
 * catch (error) { permit.failure(); throw error; }
 */
export class CircuitBreaker {
  private current: CircuitState = 'closed';
  private failures = 0;
  private openedAt = 0;
  private trialInFlight = false;
  // Bumped on every transition; a permit only counts in the generation it was issued in.
  private generation = 0;
  private readonly now: () => number;

  constructor(private readonly options: CircuitBreakerOptions) {
    if (!(options.failureThreshold >= 1)) throw new RangeError('failureThreshold must be >= 1');
    if (!(options.resetMs >= 0)) throw new RangeError('resetMs must be >= 0');
    this.now = options.now ?? Date.now;
  }

  get state(): CircuitState {
    return this.current;
  }

  /** Milliseconds until an open circuit lets a trial call through (0 unless open). */
  retryAfterMs(): number {
    if (this.current !== 'open') return 0;
    return Math.max(0, this.openedAt + this.options.resetMs - this.now());
  }

  /** A permit for one call, or `null` when the call must fail fast. */
  acquire(): CircuitPermit | null {
    if (this.current === 'open') {
      if (this.retryAfterMs() > 0) return null;
      this.transition('half-open');
    }
    if (this.current === 'half-open') {
      if (this.trialInFlight) return null;
      this.trialInFlight = true;
      return this.permit(true);
    }
    return this.permit(false);
  }

  private permit(trial: boolean): CircuitPermit {
    const generation = this.generation;
    let settled = false;
    const settle = (outcome: 'success' | 'failure' | 'release') => {
      if (settled) return;
      settled = true;
      if (generation !== this.generation) return;
      if (trial) this.trialInFlight = false;
      if (outcome === 'success') this.onSuccess();
      else if (outcome === 'failure') this.onFailure();
    };
    return {
      success: () => settle('success'),
      failure: () => settle('failure'),
      release: () => settle('release'),
    };
  }

  private onSuccess(): void {
    this.failures = 0;
    if (this.current === 'half-open') this.transition('closed');
  }

  private onFailure(): void {
    if (this.current === 'half-open') {
      this.open();
      return;
    }
    this.failures += 1;
    if (this.failures >= this.options.failureThreshold) this.open();
  }

  private open(): void {
    this.openedAt = this.now();
    this.transition('open');
  }

  private transition(state: CircuitState): void {
    this.current = state;
    this.generation += 1;
    this.failures = 0;
    this.trialInFlight = false;
    this.options.onStateChange?.(state);
  }
}
