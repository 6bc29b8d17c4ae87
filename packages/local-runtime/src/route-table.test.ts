import { describe, expect, it } from 'vitest';
import { RouteTable } from './route-table.ts';

const table = () => {
  const routes = new RouteTable<string>();
  routes.add({ method: 'ANY', path: '/{proxy+}' }, 'catch-all');
  routes.add({ method: 'GET', path: '/v1/notices/{id}' }, 'get-notice');
  routes.add({ method: 'GET', path: '/v1/notices/search' }, 'search');
  routes.add({ method: 'ANY', path: '/v1/notices/{id}' }, 'any-notice');
  routes.add({ method: 'GET', path: '/health' }, 'health');
  return routes;
};

describe('RouteTable (API Gateway HTTP API route selection)', () => {
  it('prefers a static path to a parameter and a parameter to a greedy path', () => {
    expect(table().match('GET', '/v1/notices/search')?.target).toBe('search');
    expect(table().match('GET', '/v1/notices/42')).toEqual({
      target: 'get-notice',
      routeKey: 'GET /v1/notices/{id}',
      pathParameters: { id: '42' },
    });
    expect(table().match('GET', '/anything/else')).toMatchObject({
      target: 'catch-all',
      pathParameters: { proxy: 'anything/else' },
    });
  });

  it('prefers a method-specific route to ANY on the same path', () => {
    expect(table().match('DELETE', '/v1/notices/42')?.target).toBe('any-notice');
    expect(table().match('GET', '/v1/notices/42')?.target).toBe('get-notice');
  });

  it('decodes path parameters and finds nothing without a matching route', () => {
    const routes = new RouteTable<string>();
    routes.add({ method: 'GET', path: '/r/{code}' }, 'r');
    expect(routes.match('GET', '/r/a%20b')?.pathParameters).toEqual({ code: 'a b' });
    expect(routes.match('POST', '/r/x')).toBeUndefined();
    expect(routes.match('GET', '/r/x/y')).toBeUndefined();
  });
});
