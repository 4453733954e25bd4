/**
 * True when `path` is `prefix` or lies below it, segment by segment: `/products` covers
 * `/products` and `/products/p-1`, not `/products-old`.
 */
export function isUnderPrefix(path: string, prefix: string): boolean {
  const base = prefix.length > 1 && prefix.endsWith('/') ? prefix.slice(0, -1) : prefix;
  if (base === '/') return true;
  return path === base || path.startsWith(`${base}/`);
}
