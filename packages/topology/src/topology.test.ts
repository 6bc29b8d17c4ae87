import { describe, expect, it } from 'vitest';
import { CONTEXTS } from './contexts.ts';
import { FUNCTIONS } from './functions.ts';
import { InvalidPortError, LOCAL_SERVICES, portOf } from './local-ports.ts';
import { STAGES, stageSettings, UnknownStageError } from './stages.ts';
import { TABLES } from './tables.ts';

describe('topology', () => {
  it('gives every function a unique id and only tables of its own context', () => {
    expect(new Set(FUNCTIONS.map((fn) => fn.id)).size).toBe(FUNCTIONS.length);
    for (const fn of FUNCTIONS) {
      for (const { table } of fn.tables) expect(TABLES[table].context).toBe(fn.context);
    }
  });

  it('gives every table a distinct environment variable', () => {
    const variables = Object.values(TABLES).map((table) => table.environmentVariable);
    expect(new Set(variables).size).toBe(variables.length);
  });

  it('refuses an unknown stage, naming the known ones', () => {
    expect(stageSettings('prod').retainData).toBe(true);
    expect(() => stageSettings('qa')).toThrowError(UnknownStageError);
    expect(() => stageSettings('qa')).toThrowError('Known stages: local, dev, staging, prod.');
  });

  it('gives every AWS stage its own public domains inside its hosted zone, and the laptop none', () => {
    expect(stageSettings('local').deployment).toBeUndefined();
    const domains: string[] = [];
    for (const stage of Object.values(STAGES).filter((settings) => settings.name !== 'local')) {
      const deployment = stage.deployment;
      expect(deployment, stage.name).toBeDefined();
      expect(deployment?.hostedZone.id, stage.name).toMatch(/^Z[0-9A-Z]{1,31}$/);
      expect(deployment?.sms.templateCode, stage.name).toMatch(/^SMS_\d+$/);
      for (const context of CONTEXTS) {
        const domain = deployment?.domains[context];
        expect(domain?.domainName.endsWith(`.${deployment?.hostedZone.name}`), `${stage.name} ${context}`).toBe(true);
        expect(domain?.certificateArn, `${stage.name} ${context}`).toMatch(
          /^arn:aws(-cn)?:acm:[a-z0-9-]+:\d{12}:certificate\/[0-9a-f-]{36}$/,
        );
        domains.push(domain?.domainName ?? '');
      }
    }
    expect(new Set(domains).size).toBe(domains.length);
  });

  it('reads ports from the environment, with documented defaults', () => {
    expect(portOf(LOCAL_SERVICES.identity, {})).toBe(4000);
    expect(portOf(LOCAL_SERVICES.payments, { PAYMENTS_PORT: '0' })).toBe(0);
    expect(() => portOf(LOCAL_SERVICES.dynamodb, { DYNAMODB_PORT: '70000' })).toThrowError(InvalidPortError);
  });
});
