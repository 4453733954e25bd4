/** The keys the suites start mobile-bff with (`MOBILE_API_KEYS=k1,k2`). */
export const API_KEYS = ['k1', 'k2'] as const;

export interface CallOptions {
  method?: string;
  /** `X-Api-Key`; the first test key unless given, none when null. */
  key?: string | null;
  /** A bearer token. */
  token?: string;
  /** Sent as JSON unless a string. */
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Answer {
  status: number;
  headers: Headers;
  /** The body exactly as received. */
  text: string;
  /** Its size in bytes, as it went over the wire (no compression is configured). */
  bytes: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

/** One request over real HTTP, read in full. */
export async function call(url: string, options: CallOptions = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  const key = options.key === undefined ? API_KEYS[0] : options.key;
  if (key !== null) headers['x-api-key'] = key;
  if (options.token) headers['authorization'] = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(url, { method: options.method ?? 'GET', headers, body });
  const buffer = Buffer.from(await response.arrayBuffer());
  const text = buffer.toString('utf8');
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, bytes: buffer.length, json };
}

/** Asserts an RFC 9457 problem of the given status and returns its body. */
export function expectProblem(answer: Answer, status: number, code?: string) {
  expect(answer.status).toBe(status);
  expect(answer.headers.get('content-type')).toContain('application/problem+json');
  expect(answer.json).toMatchObject({ status, requestId: expect.any(String) });
  if (code) expect(answer.json.code).toBe(code);
  expect(answer.text).not.toMatch(/at .*\.(js|ts):\d+/);
  return answer.json;
}

/** A checkout body of one line. */
export const oneLine = (productId: string, quantity = 1) => ({
  lines: [{ productId, quantity }],
});

let keys = 0;
/** A fresh idempotency key per checkout. */
export const newIdempotencyKey = () => `e2e-${process.pid}-${Date.now()}-${++keys}`;
