import { request as httpRequest } from 'node:http';
import {
  ERROR_CATALOGUE,
  type ErrorCode,
  PROBLEM_CONTENT_TYPE,
  type ProblemDetails,
  problemType,
} from '@bff/util-errors';

/** The apps every suite of this project runs from `dist/`. */
export const BUILT_APPS = [
  'web-bff',
  'identity-service',
  'product-service',
  'inventory-service',
  'order-service',
];

/** Enough for every request a suite makes, so that only the checkout tier can ever answer 429. */
export const NO_THROTTLE = { THROTTLE_LIMIT: '100000' };

export const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A response body read as JSON, typed by the caller (the suites check the shape themselves). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function json<T = any>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

export async function getJson<T>(url: string, headers: Record<string, string> = {}): Promise<T> {
  const response = await fetch(url, { headers });
  if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}`);
  return json<T>(response);
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * A GET whose path goes on the wire byte for byte: `fetch` would resolve `%2e%2e` as a dot
 * segment before sending it, and the point is to see what the app does with one.
 */
export function rawGet(
  base: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<RawResponse> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: hostname, port, path, method: 'GET', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * Checks that a response is the RFC 9457 problem of `code` (its catalogue status unless
 * `status` says otherwise), with the response's request id in the body, and returns the body.
 */
export async function expectProblem(
  response: Response | RawResponse,
  code: ErrorCode,
  status: number = ERROR_CATALOGUE[code].status,
): Promise<ProblemDetails> {
  const isFetch = response instanceof Response;
  const header = (name: string) =>
    isFetch ? response.headers.get(name) : (response.headers[name] as string | undefined);
  const text = isFetch ? await response.text() : response.body;
  expect({ status: response.status, text }).toEqual({ status, text: expect.any(String) });
  expect(header('content-type')).toContain(PROBLEM_CONTENT_TYPE);
  const problem = JSON.parse(text) as ProblemDetails;
  expect(problem).toMatchObject({
    type: problemType(code),
    title: expect.any(String),
    status,
    code,
    requestId: header('x-request-id'),
  });
  expect(text).not.toMatch(/\bat .+\.(js|ts):\d+/);
  return problem;
}

/** The body of a problem must not give away where or what the upstream is. */
export function expectNoUpstreamDetails(
  text: string,
  upstreamUrls: string[],
  secrets: string[] = [],
) {
  for (const url of upstreamUrls) {
    const { host, port } = new URL(url);
    expect(text).not.toContain(host);
    expect(text).not.toContain(`:${port}`);
  }
  expect(text).not.toContain('127.0.0.1');
  for (const secret of secrets) expect(text).not.toContain(secret);
}
