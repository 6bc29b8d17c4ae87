import { defineConfig } from 'vitest/config';

/**
 * Four kinds of tests, one runner:
 * - unit: pure logic, beside the code (`packages/x/src/*.test.ts`, `functions/x/src/*.test.ts`);
 * - infra: CDK template assertions and cdk-nag (`infra/src/*.test.ts`);
 * - integration: adapters against a real DynamoDB Local started once for the run (`tests/integration`);
 * - e2e: the local runtime as `npm start` runs it, driven over HTTP and by Chromium (`tests/e2e`).
 */
export default defineConfig({
  test: {
    reporters: process.env.CI ? ['default', ['json', { outputFile: '.vitest-report.json' }]] : ['default'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.test.ts', 'functions/*/src/**/*.test.ts', 'tests/log-scan/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'infra',
          include: ['infra/src/**/*.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          globalSetup: ['tests/support/dynamodb-global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          globalSetup: ['tests/support/test-logs-global-setup.ts'],
          include: ['tests/e2e/**/*.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
