import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONTEXTS, STAGES, UnknownStageError } from '@platform/topology';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type PlatformApp } from './build-app.ts';
import { REPO_ROOT } from './repo-root.ts';

describe('stages', () => {
  let prod: PlatformApp;

  beforeAll(() => {
    // Stage settings do not depend on the code, so this app skips esbuild.
    prod = buildApp('prod', { bundle: false });
  });

  it('keeps production data: protected, retained tables and a year of retained logs', () => {
    for (const context of CONTEXTS) {
      const template = Template.fromStack(prod[context]);
      for (const table of Object.values(template.findResources('AWS::DynamoDB::GlobalTable'))) {
        expect(table.DeletionPolicy).toBe('Retain');
        expect(table.Properties.Replicas[0].DeletionProtectionEnabled).toBe(true);
      }
      const logGroups = Object.values(template.findResources('AWS::Logs::LogGroup'));
      expect(logGroups.length).toBeGreaterThan(0);
      for (const logGroup of logGroups) {
        expect(logGroup.DeletionPolicy).toBe('Retain');
        expect(logGroup.Properties.RetentionInDays).toBe(STAGES.prod?.logRetentionDays);
      }
      expect(prod[context].stackName).toMatch(/^Platform-prod-(Identity|Payments)$/);
    }
  });

  it('refuses an unknown stage with one line naming the known ones', () => {
    expect(() => buildApp('nope')).toThrow(UnknownStageError);

    // What `cdk synth -c stage=nope` runs: the CLI hands context to the app through CDK_CONTEXT_JSON.
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'infra/bin/app.ts'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      env: {
        ...process.env,
        CDK_CONTEXT_JSON: JSON.stringify({ stage: 'nope' }),
        CDK_OUTDIR: mkdtempSync(join(tmpdir(), 'cdk-out-')),
      },
    });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `error: Unknown stage "nope". Known stages: ${Object.keys(STAGES).join(', ')}. Use -c stage=<name>.\n`,
    );
  });
});
