import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  nodeOnlyPath,
  type RuntimeProcess,
  runLocalRuntime,
  startLocalRuntime,
} from '../support/local-runtime-process.ts';

const getJson = async (url: string) => {
  const response = await fetch(url);
  return { response, body: (await response.json()) as Record<string, unknown> };
};

describe('npm start: the whole platform on one machine', () => {
  let runtime: RuntimeProcess;
  beforeAll(async () => {
    runtime = await startLocalRuntime();
  });
  afterAll(async () => {
    if (runtime?.child.exitCode === null) await runtime.stop();
  });

  it('serves GET /health on the identity and the payments API, each proving a DynamoDB Local read', async () => {
    for (const context of ['identity', 'payments'] as const) {
      const { response, body } = await getJson(`${runtime.endpoints[context]}/health`);
      expect(response.status).toBe(200);
      expect(body).toMatchObject({
        status: 'ok',
        context,
        storage: { table: runtime.endpoints.tables[`${context.toUpperCase()}_TABLE`], marker: { context } },
      });
    }
  });

  it('answers through the gateway as API Gateway does: security headers, request id, 404 for unknown routes', async () => {
    const health = await fetch(`${runtime.endpoints.identity}/health`);
    expect(health.headers.get('strict-transport-security')).toBeTruthy();
    expect(health.headers.get('x-content-type-options')).toBe('nosniff');
    expect(health.headers.get('apigw-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    const missing = await getJson(`${runtime.endpoints.payments}/no-such-route`);
    expect(missing.response.status).toBe(404);
    expect(missing.body).toEqual({ message: 'Not Found' });
  });

  it('stops every child process on SIGTERM', async () => {
    const dynamodb = runtime.endpoints.dynamodb;
    expect(await runtime.stop()).toBe(0);
    await expect(fetch(dynamodb)).rejects.toThrow();
    await expect(fetch(`${runtime.endpoints.identity}/health`)).rejects.toThrow();
  });
});

describe('npm start with a bad configuration stops with one clear line', () => {
  const oneLine = (stderr: string) => stderr.trim().split('\n');

  it('names the busy port and the variable to change', async () => {
    const blocker: Server = createServer();
    const port = await new Promise<number>((ready) =>
      blocker.listen(0, '127.0.0.1', () => ready((blocker.address() as { port: number }).port)),
    );
    try {
      const result = await runLocalRuntime(['--in-memory'], { IDENTITY_PORT: String(port) });
      expect(result.code).toBe(1);
      expect(oneLine(result.stderr)).toEqual([
        `error: Port ${port} (identity) is already in use. Stop the process that holds it or set IDENTITY_PORT to another port.`,
      ]);
    } finally {
      blocker.close();
    }
  });

  it('names the unknown stage and the known ones', async () => {
    const result = await runLocalRuntime(['--in-memory', '--stage', 'nope']);
    expect(result.code).toBe(1);
    expect(oneLine(result.stderr)).toEqual(['error: Unknown stage "nope". Known stages: local, dev, staging, prod.']);
  });

  it('says to install Java when there is none', async () => {
    const result = await runLocalRuntime(['--in-memory'], { PATH: nodeOnlyPath() });
    expect(result.code).toBe(1);
    expect(oneLine(result.stderr)).toHaveLength(1);
    expect(result.stderr).toMatch(/^error: DynamoDB Local needs Java 11\+, but "java" was not found on PATH/);
  });

  it('refuses a port that is not a number', async () => {
    const result = await runLocalRuntime(['--in-memory'], { PAYMENTS_PORT: 'abc' });
    expect(result.code).toBe(1);
    expect(oneLine(result.stderr)).toEqual([
      'error: PAYMENTS_PORT="abc" is not a port number. Use an integer from 0 to 65535 (0 picks a free port).',
    ]);
  });
});
