import { STAGES, type StageSettings } from '@platform/topology';
import type { CfnElement } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type PlatformApp } from './build-app.ts';
import { needsOf } from './function-resources.ts';

type Resource = { Type: string; Properties: Record<string, unknown>; DeletionPolicy?: string };

/** The reconciliation function's statements bucket (packages/reconciliation `S3StatementArchive`). */
describe('the statements bucket (dev)', () => {
  let platform: PlatformApp;
  let template: Template;

  beforeAll(() => {
    platform = buildApp('dev', { bundle: false });
    template = Template.fromStack(platform.payments);
  });

  it('is encrypted, versioned, private, TLS only, ages statements to cheaper storage and drops exports after a day', () => {
    template.resourceCountIs('AWS::S3::Bucket', 1);
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      VersioningConfiguration: { Status: 'Enabled' },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      LifecycleConfiguration: {
        Rules: [
          Match.objectLike({
            Status: 'Enabled',
            NoncurrentVersionExpiration: { NoncurrentDays: 365 },
            Transitions: [{ StorageClass: 'STANDARD_IA', TransitionInDays: 90 }],
          }),
          // Report downloads are handed out once and gone after a day.
          Match.objectLike({ Id: 'report-exports', Prefix: 'exports/', ExpirationInDays: 1, Status: 'Enabled' }),
        ],
      },
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('is named to the functions that need it only (reconciliation), which may get and put statements/* and nothing else', () => {
    const stack = platform.payments;
    const bucket = Object.entries(template.toJSON().Resources as Record<string, Resource>).find(
      ([, resource]) => resource.Type === 'AWS::S3::Bucket',
    )?.[0] as string;
    for (const fn of stack.functions) {
      const element = fn.function.node.defaultChild as CfnElement;
      const resource = (template.toJSON().Resources as Record<string, Resource>)[stack.getLogicalId(element)];
      const variables = (resource?.Properties.Environment as { Variables: Record<string, unknown> } | undefined)
        ?.Variables;
      // Reconciliation, and the finance console, which builds the same reconciliation runtime.
      if (needsOf(fn.definition).statementsBucket) {
        expect(variables?.STATEMENTS_BUCKET, fn.definition.id).toEqual({ Ref: bucket });
      } else {
        expect(variables?.STATEMENTS_BUCKET, fn.definition.id).toBeUndefined();
      }
      // Only the finance console hands report downloads out, under exports/.
      expect(variables?.REPORT_EXPORTS_BUCKET, fn.definition.id).toEqual(
        fn.definition.id === 'payments-finance' ? { Ref: bucket } : undefined,
      );
    }

    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          {
            Action: ['s3:GetObject', 's3:PutObject'],
            Effect: 'Allow',
            Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucket, 'Arn'] }, '/statements/*']] },
          },
          {
            Action: ['s3:GetObject', 's3:PutObject'],
            Effect: 'Allow',
            Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucket, 'Arn'] }, '/exports/*']] },
          },
        ]),
      },
    });
  });

  it('is retained with the data of production', () => {
    const prod = buildApp('prod', { bundle: false });
    const resources = Template.fromStack(prod.payments).toJSON().Resources as Record<string, Resource>;
    const bucket = Object.values(resources).find((resource) => resource.Type === 'AWS::S3::Bucket');
    expect((STAGES.prod as StageSettings).retainData).toBe(true);
    expect(bucket?.DeletionPolicy).toBe('Retain');
  });
});
