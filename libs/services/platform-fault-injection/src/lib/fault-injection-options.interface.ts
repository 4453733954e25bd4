/** Options of `FaultInjectionModule.forRoot()`. */
export interface FaultInjectionOptions {
  /** Source of the error-rate draw, `Math.random` by default; tests pass a scripted one. */
  random?: () => number;
}

/** What the interceptor applies, resolved once at start-up. */
export interface FaultInjectionConfig {
  delayMs: number;
  errorRate: number;
  /** Path prefixes the faults apply to; empty means every route. */
  routes: readonly string[];
  random: () => number;
}
