import { routePathOf, underPrefix } from './route-path.util';

describe('routePathOf', () => {
  it('prefers the matched route pattern over the raw URL', () => {
    expect(routePathOf({ url: '/health/../orders?x=1', routeOptions: { url: '/orders' } })).toBe(
      '/orders',
    );
    expect(routePathOf({ url: '/orders?x=1' })).toBe('/orders');
  });
});

describe('underPrefix', () => {
  it('matches a prefix as whole path segments only', () => {
    expect(underPrefix('/health', ['/health'])).toBe(true);
    expect(underPrefix('/health/live', ['/health'])).toBe(true);
    expect(underPrefix('/healthz', ['/health'])).toBe(false);
    expect(underPrefix('/api/v1/health', ['/health'])).toBe(false);
  });
});
