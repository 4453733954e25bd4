/** Token of the resolved {@link FaultInjectionConfig}. */
export const FAULT_INJECTION_CONFIG = Symbol('FAULT_INJECTION:CONFIG');

/** Paths that report on the process itself: never slowed down or failed. */
export const EXEMPT_PREFIXES: readonly string[] = ['/health', '/metrics', '/docs'];
