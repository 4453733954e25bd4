/**
 * The downstream services the BFFs call, as named in metrics, errors and options.
 *
 * @example
 * const required: ServiceName[] = ['product'];
 * await health.checkAll(SERVICE_NAMES);
 */
export const SERVICE_NAMES = ['product', 'inventory', 'order'] as const;

export type ServiceName = (typeof SERVICE_NAMES)[number];

/** Namespaced injection token of the options given to `forRoot`/`forRootAsync`. */
export const SERVICE_CLIENTS_MODULE_OPTIONS = 'SERVICE_CLIENTS:MODULE_OPTIONS';

/** Namespaced injection token of the options after defaults and the environment were applied. */
export const SERVICE_CLIENTS_OPTIONS = 'SERVICE_CLIENTS:RESOLVED_OPTIONS';

/** Responses above this size are refused as bad responses rather than buffered. */
export const MAX_RESPONSE_BYTES = 8 * 1024 * 1024;
