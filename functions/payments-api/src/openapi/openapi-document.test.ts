import { FUNCTIONS } from '@platform/topology';
import { describe, expect, it } from 'vitest';
import { ROUTE_KEYS } from '../router.ts';
import { openApiDocument } from './openapi-document.ts';

const document = openApiDocument({ paymentsUrl: 'https://pay.example', identityUrl: 'https://id.example' });
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** `POST /v1/notices/{id}/cancel` for every operation of the document (API Gateway and OpenAPI agree on `{id}`). */
const documentedRouteKeys = Object.entries(document.paths).flatMap(([path, item]) =>
  Object.keys(item)
    .filter((key) => METHODS.includes(key))
    .map((method) => `${method.toUpperCase()} ${path}`),
);

/** Every `$ref` in the document, as the component it points to. */
const refsIn = (value: unknown): string[] => {
  if (Array.isArray(value)) return value.flatMap(refsIn);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, member]) =>
    key === '$ref' && typeof member === 'string' ? [member] : refsIn(member),
  );
};

describe('OpenAPI document', () => {
  it('describes every route the router serves, and no other', () => {
    expect([...documentedRouteKeys].sort()).toEqual([...ROUTE_KEYS].sort());
  });

  it('matches the routes the topology deploys for the function', () => {
    const deployed = FUNCTIONS.find((fn) => fn.id === 'payments-api');
    expect(deployed?.entry).toBe('functions/payments-api/src/handler.ts');
    const routeKeys = (deployed?.routes ?? []).map((route) => `${route.method} ${route.path}`);
    expect([...routeKeys].sort()).toEqual([...ROUTE_KEYS].sort());
  });

  it('is OpenAPI 3.1 with the department token scheme pointing at the identity provider’s token endpoint', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(document.servers).toEqual([{ url: 'https://pay.example' }]);
    const scheme = document.components.securitySchemes.departmentToken;
    expect(scheme.type).toBe('oauth2');
    expect(scheme.flows.clientCredentials.tokenUrl).toBe('https://id.example/token');
    expect(Object.keys(scheme.flows.clientCredentials.scopes)).toContain('payments:notices:write');
  });

  it('requires Idempotency-Key on every POST and a scope on every operation but the document itself', () => {
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item).filter(([key]) => METHODS.includes(key))) {
        const { security = [], parameters = [] } = operation as { security?: unknown[]; parameters?: unknown[] };
        if (method === 'post')
          expect(parameters, path).toContainEqual({ $ref: '#/components/parameters/IdempotencyKey' });
        if (path === '/v1/openapi.json') expect(security).toEqual([]);
        else expect(security, `${method} ${path}`).toHaveLength(1);
      }
    }
    expect(document.components.parameters.IdempotencyKey).toMatchObject({ in: 'header', required: true });
  });

  it('resolves every $ref, and answers errors with the problem schema', () => {
    for (const ref of refsIn(document)) {
      const [, , kind, name] = ref.split('/');
      const components = document.components as unknown as Record<string, Record<string, unknown>>;
      expect(components[kind as string]?.[name as string], ref).toBeDefined();
    }
    for (const response of Object.values(document.components.responses)) {
      expect(response.content['application/problem+json'].schema).toEqual({ $ref: '#/components/schemas/Problem' });
    }
  });
});
