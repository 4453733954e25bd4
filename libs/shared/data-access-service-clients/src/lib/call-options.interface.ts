/**
 * Per-call options every client method takes.
 *
 * @example
 * await products.getProduct('p1', { timeoutMs: 300, signal: part.signal });
 */
export interface CallOptions {
  /** A budget shorter than the service's `timeoutMs`; a longer one is capped to it. */
  timeoutMs?: number;
  /** Cancels the call (e.g. when the composite it belongs to gives up). */
  signal?: AbortSignal;
}

/**
 * Options of calls that act for the user.
 *
 * @example
 * await orders.getOrder('o1', { accessToken: token, timeoutMs: 800 });
 */
export interface UserCallOptions extends CallOptions {
  /** The user's bearer token; defaults to the one of the current request. */
  accessToken?: string;
}
