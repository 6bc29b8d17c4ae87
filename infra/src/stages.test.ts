import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONTEXTS, STAGES, type StageSettings, UnknownStageError } from '@platform/topology';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type PlatformApp } from './build-app.ts';
import { UndeployableStageError } from './configuration-errors.ts';
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
    // Losing the key set, the identity keys (pairwise salt, blind-index keys) or the personal-data key loses data.
    const identity = Template.fromStack(prod.identity);
    const kept = [
      ...Object.values(identity.findResources('AWS::SecretsManager::Secret')),
      ...Object.values(identity.findResources('AWS::KMS::Key')),
    ];
    // Six secrets (keys, SMS, CAs, real-name clients, Alipay login app) and three keys (secrets, personal data,
    // the alarm topic's).
    expect(kept).toHaveLength(9);
    for (const resource of kept) expect(resource.DeletionPolicy).toBe('Retain');
    identity.hasResourceProperties('AWS::ApiGatewayV2::DomainName', {
      DomainName: prod.deployment.domains.identity.domainName,
    });
  });

  /** What `cdk synth -c stage=<name>` runs: the CLI hands context to the app through CDK_CONTEXT_JSON. */
  const synthCli = (stage: string) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'infra/bin/app.ts'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      env: {
        ...process.env,
        CDK_CONTEXT_JSON: JSON.stringify({ stage }),
        CDK_OUTDIR: mkdtempSync(join(tmpdir(), 'cdk-out-')),
      },
    });

  it('refuses an unknown stage with one line naming the known ones', () => {
    expect(() => buildApp('nope')).toThrow(UnknownStageError);
    const result = synthCli('nope');
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `error: Unknown stage "nope". Known stages: ${Object.keys(STAGES).join(', ')}. Use -c stage=<name>.\n`,
    );
  });

  it('refuses the laptop stage, which has no public domains, with one line', () => {
    expect(() => buildApp('local', { bundle: false })).toThrow(UndeployableStageError);
    const result = synthCli('local');
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`error: ${new UndeployableStageError(STAGES.local as StageSettings).message}\n`);
  });
});
