/**
 * The body the floor apps return: `BENCH_CONSTANT_JSON` (the runner passes the baseline's product
 * page, so the floor serialises the same bytes as a cache hit), else a small object.
 */
export function constantBody(source: NodeJS.ProcessEnv = process.env): object {
  const json = source['BENCH_CONSTANT_JSON'];
  return json ? (JSON.parse(json) as object) : { constant: true };
}
