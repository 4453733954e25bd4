import { BffError } from '@bff/util-errors';

/**
 * What a part's function receives.
 *
 * @example
 * optional(async ({ get, signal }) => products.getProducts((await get(product)).relatedIds, { signal }))
 */
export interface PartContext {
  /**
   * Fires when the part's own deadline or the composite's passes, or when a required part
   * failed and the composite gave up. Pass it to service clients so their calls stop too.
   */
  signal: AbortSignal;
  /**
   * The value of another part of the same composite. Every part starts at once; awaiting
   * another part only delays the part that needs it. Rejects with that part's error.
   */
  get<T>(part: Part<T>): Promise<T>;
}

/**
 * The work of one part.
 *
 * @example
 * const stock: PartFn<Stock> = ({ signal }) => inventory.getStock(id, { signal });
 */
export type PartFn<T> = (context: PartContext) => Promise<T> | T;

/**
 * Options every part takes.
 *
 * @example
 * optional(loadStock, { timeoutMs: 300 })
 */
export interface PartOptions {
  /** The part's own budget, shorter than the composite's. */
  timeoutMs?: number;
}

/**
 * A part without which the composite cannot answer: its failure is the composite's failure.
 *
 * @example
 * const product: RequiredPart<Product> = required(({ signal }) => products.getProduct(id, { signal }));
 */
export interface RequiredPart<T> {
  readonly kind: 'required';
  readonly run: PartFn<T>;
  readonly timeoutMs?: number;
}

/**
 * A part the composite can do without: on failure it becomes `fallback` and is named in `degraded`.
 *
 * @example
 * const related: OptionalPart<Product[], never[]> = optional(loadRelated, { fallback: [] });
 */
export interface OptionalPart<T, F = null> {
  readonly kind: 'optional';
  readonly run: PartFn<T>;
  readonly timeoutMs?: number;
  readonly fallback: F;
}

/**
 * Either kind of part, as `get` and `after` take it.
 *
 * @example
 * const needsProduct = (part: Part<Product>) => after(part, (p) => p.relatedIds);
 */
export type Part<T = unknown> = RequiredPart<T> | OptionalPart<T, unknown>;

/**
 * The parts of a composite by name.
 *
 * @example
 * const parts = { product: required(loadProduct), availability: optional(loadStock) } satisfies Parts;
 */
export type Parts = Record<string, Part>;

/**
 * The values of a composite: required parts as they are, optional ones possibly the fallback.
 *
 * @example
 * type Page = Composed<{ product: RequiredPart<Product>; availability: OptionalPart<Stock> }>;
 * // { product: Product; availability: Stock | null; degraded: ('product' | 'availability')[] }
 */
export type Composed<P extends Parts> = {
  [K in keyof P]: P[K] extends OptionalPart<infer T, infer F>
    ? T | F
    : P[K] extends RequiredPart<infer T>
      ? T
      : never;
} & {
  /** Names of the optional parts that failed, timed out or met an open circuit, in declared order. */
  degraded: Extract<keyof P, string>[];
};

/**
 * Options of the whole composite.
 *
 * @example
 * compose(parts, { timeoutMs: 1500, onDegraded: (name, reason) => logger.warn({ name, reason }) });
 */
export interface ComposeOptions {
  /** Budget of the whole composite; every part's signal fires when it passes. */
  timeoutMs?: number;
  /** Cancels the composite (e.g. the client went away). */
  signal?: AbortSignal;
  /** Told about every optional part that was dropped, for logs. */
  onDegraded?: (name: string, reason: unknown) => void;
}

/**
 * A part the composite cannot do without.
 *
 * @example
 * required(({ signal }) => products.getProduct(id, { signal }))
 */
export function required<T>(run: PartFn<T>, options: PartOptions = {}): RequiredPart<T> {
  return { kind: 'required', run, timeoutMs: options.timeoutMs };
}

/**
 * A part the composite can do without; `null` (or `fallback`) when it fails or is late.
 *
 * @example
 * optional(({ signal }) => inventory.getStock(id, { signal }), { timeoutMs: 300 })
 * optional(({ signal }) => products.getProducts(ids, { signal }), { fallback: [] })
 */
export function optional<T, F = null>(
  run: PartFn<T>,
  options: PartOptions & { fallback?: F } = {},
): OptionalPart<T, F> {
  return {
    kind: 'optional',
    run,
    timeoutMs: options.timeoutMs,
    fallback: (options.fallback ?? null) as F,
  };
}

/**
 * A part function that needs another part's value first; it starts as soon as that value is there.
 *
 * @example
 * const product = required(({ signal }) => products.getProduct(id, { signal }));
 * compose({
 *   product,
 *   related: optional(after(product, (p, { signal }) => products.getProducts(p.relatedIds, { signal }))),
 * });
 */
export function after<D, T>(
  dependency: Part<D>,
  run: (value: D, context: PartContext) => Promise<T> | T,
): PartFn<T> {
  return async (context) => run(await context.get(dependency), context);
}

function timeoutError(what: string, ms: number): BffError {
  return new BffError('BFF_ERR_UPSTREAM_TIMEOUT', { detail: `${what} took longer than ${ms} ms` });
}

interface Deferred {
  promise: Promise<unknown>;
  resolve(value: unknown): void;
  reject(reason: unknown): void;
}

function deferred(): Deferred {
  let resolve!: (value: unknown) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<unknown>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // A failed part nobody depends on is reported by compose, not as an unhandled rejection.
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

/** Resolves or rejects with `work`, or rejects with the signal's reason as soon as it fires. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/** An AbortController that also fires with its parent. */
function childController(parent: AbortSignal): { controller: AbortController; dispose(): void } {
  const controller = new AbortController();
  const onAbort = () => controller.abort(parent.reason);
  if (parent.aborted) controller.abort(parent.reason);
  else parent.addEventListener('abort', onAbort, { once: true });
  return { controller, dispose: () => parent.removeEventListener('abort', onAbort) };
}

/**
 * Runs the parts of a composite response in parallel under one deadline. A required part's
 * failure rejects at once with that part's own error (e.g. the `BffError` of its service call)
 * and aborts the other parts; an optional part's failure or lateness gives its fallback (`null`
 * unless set) and its name in `degraded`.
 *
 * @example
 * const product = required(({ signal }) => products.getProduct(id, { signal }));
 * const page = await compose(
 *   {
 *     product,
 *     availability: optional(({ signal }) => inventory.getStock(id, { signal }), { timeoutMs: 300 }),
 *     related: optional(
 *       async ({ get, signal }) => products.getProducts((await get(product)).relatedIds, { signal }),
 *       { fallback: [] },
 *     ),
 *   },
 *   { timeoutMs: 1500 },
 * );
 * page.product;      // Product
 * page.availability; // Stock | null
 * page.degraded;     // e.g. ['availability']
 */
export function compose<P extends Parts>(
  parts: P & { degraded?: never },
  options: ComposeOptions = {},
): Promise<Composed<P>> {
  const names = Object.keys(parts) as Extract<keyof P, string>[];
  if (names.includes('degraded' as Extract<keyof P, string>)) {
    return Promise.reject(new TypeError('A part may not be called "degraded"'));
  }
  const root = new AbortController();
  const cleanups: (() => void)[] = [];
  if (options.timeoutMs !== undefined) {
    const ms = options.timeoutMs;
    const timer = setTimeout(() => root.abort(timeoutError('The composite', ms)), ms);
    cleanups.push(() => clearTimeout(timer));
  }
  const caller = options.signal;
  if (caller?.aborted) root.abort(caller.reason);
  else if (caller) {
    const onAbort = () => root.abort(caller.reason);
    caller.addEventListener('abort', onAbort, { once: true });
    cleanups.push(() => caller.removeEventListener('abort', onAbort));
  }

  const results = new Map<Part, Deferred>();
  for (const name of names) results.set(parts[name], deferred());
  const get = <T>(part: Part<T>): Promise<T> => {
    const result = results.get(part as Part);
    if (!result) return Promise.reject(new TypeError('get() takes a part of the same composite'));
    return result.promise as Promise<T>;
  };

  return new Promise<Composed<P>>((resolve, reject) => {
    const values = {} as Record<string, unknown>;
    const failed = new Set<string>();
    let pending = names.length;
    let done = false;

    const finish = (error?: unknown) => {
      if (done) return;
      done = true;
      for (const cleanup of cleanups) cleanup();
      if (error !== undefined) {
        root.abort(error);
        reject(error);
        return;
      }
      const degraded = names.filter((name) => failed.has(name));
      resolve({ ...values, degraded } as Composed<P>);
    };

    const settle = (name: string, part: Part, outcome: { value: unknown } | { error: unknown }) => {
      const result = results.get(part) as Deferred;
      if ('value' in outcome) result.resolve(outcome.value);
      else result.reject(outcome.error);
      // Parts still running when a required one failed no longer matter.
      if (done) return;
      if ('value' in outcome) {
        values[name] = outcome.value;
      } else if (part.kind === 'required') {
        finish(outcome.error);
        return;
      } else {
        values[name] = part.fallback;
        failed.add(name);
        options.onDegraded?.(name, outcome.error);
      }
      pending -= 1;
      if (pending === 0) finish();
    };

    if (names.length === 0) finish();
    for (const name of names) {
      const part = parts[name];
      const { controller, dispose } = childController(root.signal);
      let timer: NodeJS.Timeout | undefined;
      if (part.timeoutMs !== undefined) {
        const ms = part.timeoutMs;
        timer = setTimeout(() => controller.abort(timeoutError(`The ${name} part`, ms)), ms);
      }
      const work = Promise.resolve().then(() => part.run({ signal: controller.signal, get }));
      untilAborted(work, controller.signal)
        .then(
          (value) => settle(name, part, { value }),
          (error: unknown) => settle(name, part, { error }),
        )
        .finally(() => {
          clearTimeout(timer);
          dispose();
        });
    }
  });
}
