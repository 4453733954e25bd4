interface RoutedRequest {
  url?: string;
  routeOptions?: { url?: string };
  route?: { path?: string };
}

/** The path pattern of the matched route, not the raw URL, so a crafted URL cannot borrow a prefix. */
export function routePathOf(request: RoutedRequest): string {
  return request.routeOptions?.url ?? request.route?.path ?? (request.url ?? '').split('?')[0];
}

export function underPrefix(path: string, prefixes: readonly string[]): boolean {
  return prefixes.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}
