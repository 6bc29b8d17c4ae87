import {
  CONTEXTS,
  FUNCTIONS,
  type FunctionDefinition,
  functionsOf,
  STAGES,
  type StageSettings,
} from '@platform/topology';
import type { CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp, deploymentOf, type PlatformApp } from './build-app.ts';
import {
  DomainOutsideZoneError,
  ForeignResourceError,
  UndeployableStageError,
  UnknownFunctionError,
} from './configuration-errors.ts';
import type { ContextStack } from './context-stack.ts';
import { checkFunctionNeeds, FUNCTION_NEEDS } from './function-resources.ts';

type Resource = { Type: string; Properties: Record<string, unknown>; DeletionPolicy?: string };
type Statement = { Action: string | string[]; Resource: unknown; Condition?: unknown; Effect: string };

const DEV = STAGES.dev as StageSettings;
const DEV_DEPLOYMENT = deploymentOf(DEV);

/** Names that would hold a secret if they held a value; here they may only hold a secret's or key's ARN. */
const SECRET_LIKE_NAME = /SECRET|PASSWORD|TOKEN|SALT|PRIVATE|CREDENTIAL|(^|_)KEY(_|$)/;
/** 32+ characters of base64/base64url/hex and nothing else: what a key or an access key secret looks like. */
const KEY_LIKE_VALUE = /^[A-Za-z0-9+/_-]{32,}={0,2}$/;

describe('what functions get from their stack in a deployed stage (dev)', () => {
  let platform: PlatformApp;
  const templates = {} as Record<(typeof CONTEXTS)[number], Template>;

  const resourcesOf = (stack: ContextStack): Record<string, Resource> =>
    templates[stack.context].toJSON().Resources as Record<string, Resource>;
  const idOf = (stack: ContextStack, construct: IConstruct | undefined): string => {
    if (!construct) throw new Error('not created');
    const element = (construct.node.defaultChild ?? construct) as CfnElement;
    return stack.getLogicalId(element);
  };
  const fnOf = (id: string) => {
    const found = platform.identity.functions.find((fn) => fn.definition.id === id);
    if (!found) throw new Error(`${id} is not deployed`);
    return found;
  };
  const variablesOf = (stack: ContextStack, fn: IConstruct): Record<string, unknown> => {
    const environment = resourcesOf(stack)[idOf(stack, fn)]?.Properties.Environment as
      | { Variables: Record<string, unknown> }
      | undefined;
    return environment?.Variables ?? {};
  };
  const statementsOf = (stack: ContextStack, roleId: string): Statement[] =>
    Object.values(resourcesOf(stack))
      .filter((resource) => resource.Type === 'AWS::IAM::Policy')
      .filter((policy) => JSON.stringify(policy.Properties.Roles).includes(`"${roleId}"`))
      .flatMap((policy) => (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement);

  beforeAll(() => {
    // Templates only: no esbuild.
    platform = buildApp('dev', { bundle: false });
    for (const context of CONTEXTS) templates[context] = Template.fromStack(platform[context]);
  });

  it('tells identity-provider exactly its table, both public URLs, the ARNs of its secrets and key, the SMS sign and template', () => {
    const stack = platform.identity;
    const fn = fnOf('identity-provider');
    const secrets = stack.resources.secrets;
    expect(variablesOf(stack, fn.function)).toEqual({
      NODE_OPTIONS: '--enable-source-maps',
      IDENTITY_TABLE: { Ref: idOf(stack, stack.tables.get('identity')) },
      IDENTITY_URL: 'https://id.dev.platform.example.gov.cn',
      PAYMENTS_URL: 'https://pay.dev.platform.example.gov.cn',
      KEY_SET_SECRET_ID: { Ref: idOf(stack, secrets.get('keySet')) },
      IDENTITY_SECRETS_ID: { Ref: idOf(stack, secrets.get('identitySecrets')) },
      SMS_SECRET_ID: { Ref: idOf(stack, secrets.get('smsSecret')) },
      SMS_SIGN_NAME: DEV_DEPLOYMENT.sms.signName,
      SMS_TEMPLATE_CODE: DEV_DEPLOYMENT.sms.templateCode,
      PERSONAL_DATA_KEY_ID: { 'Fn::GetAtt': [idOf(stack, stack.resources.personalDataKey), 'Arn'] },
      ENTERPRISE_CA_SECRET_ID: { Ref: idOf(stack, secrets.get('enterpriseCaSecret')) },
      REAL_NAME_REGISTRY_URL: DEV_DEPLOYMENT.identity.realName?.registryUrl,
      REAL_NAME_CARRIER_URL: DEV_DEPLOYMENT.identity.realName?.carrierUrl,
      REAL_NAME_SECRET_ID: { Ref: idOf(stack, secrets.get('realNameSecret')) },
      // The Alipay login app's id and page only: its gateway and keys are identity-payment-account's.
      IDENTITY_ALIPAY_APP_ID: DEV_DEPLOYMENT.identity.alipayLogin?.appId,
      IDENTITY_ALIPAY_AUTHORISE_URL: DEV_DEPLOYMENT.identity.alipayLogin?.authoriseUrl,
    });
  });

  it('lets identity-provider read its secrets and use the personal-data key for its four kinds, nothing more', () => {
    const stack = platform.identity;
    const fn = fnOf('identity-provider');
    const secretRefs = (
      ['keySet', 'identitySecrets', 'smsSecret', 'enterpriseCaSecret', 'realNameSecret'] as const
    ).map((name) => ({
      Ref: idOf(stack, stack.resources.secrets.get(name)),
    }));
    const statements = statementsOf(stack, idOf(stack, fn.role)).filter(
      (statement) => !/^(logs|dynamodb|xray):/.test([statement.Action].flat()[0] ?? ''),
    );
    expect(statements).toEqual([
      { Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: secretRefs },
      {
        Effect: 'Allow',
        Action: 'kms:Decrypt',
        Resource: { 'Fn::GetAtt': [idOf(stack, stack.resources.secretsKey), 'Arn'] },
        Condition: { StringEquals: { 'kms:EncryptionContext:SecretARN': secretRefs } },
      },
      {
        Effect: 'Allow',
        Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
        Resource: { 'Fn::GetAtt': [idOf(stack, stack.resources.personalDataKey), 'Arn'] },
        Condition: {
          StringEquals: { 'kms:EncryptionContext:kind': ['phone', 'uscc', 'citizen-id', 'name'] },
          'ForAllValues:StringEquals': { 'kms:EncryptionContextKeys': ['kind'] },
        },
      },
    ]);
  });

  it('creates the secrets empty, under a customer managed key; both keys rotate; dev deletes them with the stack', () => {
    const stack = platform.identity;
    const secrets = Object.values(templates.identity.findResources('AWS::SecretsManager::Secret')) as Resource[];
    expect(secrets).toHaveLength(6);
    for (const secret of secrets) {
      expect(secret.Properties).not.toHaveProperty('SecretString');
      expect(secret.Properties).not.toHaveProperty('GenerateSecretString');
      expect(secret.Properties.KmsKeyId).toEqual({ 'Fn::GetAtt': [idOf(stack, stack.resources.secretsKey), 'Arn'] });
      expect(secret.DeletionPolicy).toBe('Delete');
    }
    const keys = Object.values(templates.identity.findResources('AWS::KMS::Key')) as Resource[];
    // Secrets, personal data, and the alarm topic's key (operational-alarms.ts).
    expect(keys).toHaveLength(3);
    for (const key of keys) expect(key.Properties.EnableKeyRotation).toBe(true);
    templates.identity.resourceCountIs('AWS::SecretsManager::RotationSchedule', 0);
    // The operator finds them through the stack outputs (infra/README.md).
    for (const output of [
      'KeySetSecretArn',
      'IdentitySecretsArn',
      'SmsSecretArn',
      'PersonalDataKeyArn',
      'EnterpriseCaSecretArn',
      'RealNameSecretArn',
      'IdentityAlipaySecretArn',
    ]) {
      templates.identity.hasOutput(output, {});
    }
  });

  it('puts no secret value in any environment variable: secret-like names hold ARNs of secrets or keys only', () => {
    for (const context of CONTEXTS) {
      const resources = templates[context].toJSON().Resources as Record<string, Resource>;
      for (const fn of Object.values(resources).filter((resource) => resource.Type === 'AWS::Lambda::Function')) {
        const variables = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
        for (const [name, value] of Object.entries(variables)) {
          if (typeof value === 'string') expect(value, name).not.toMatch(KEY_LIKE_VALUE);
          if (!SECRET_LIKE_NAME.test(name)) continue;
          expect(name).toMatch(/_ID$/);
          const target = JSON.stringify(value).match(/^\{"(?:Ref|Fn::GetAtt)":\[?"([^"]+)"/)?.[1] ?? '';
          expect(['AWS::SecretsManager::Secret', 'AWS::KMS::Key'], name).toContain(resources[target]?.Type);
        }
        for (const retired of ['PERSONAL_DATA_INDEX_KEY', 'SMS_ACCESS_KEY_ID', 'SMS_ACCESS_KEY_SECRET']) {
          expect(variables).not.toHaveProperty(retired);
        }
      }
    }
  });

  it('serves each context on its public domain only: custom domain, root mapping, alias record, no execute-api', () => {
    for (const context of CONTEXTS) {
      const template = templates[context];
      const { domainName, certificateArn } = DEV_DEPLOYMENT.domains[context];
      const stack = platform[context];
      template.hasResourceProperties('AWS::ApiGatewayV2::Api', { DisableExecuteApiEndpoint: true });
      template.resourceCountIs('AWS::ApiGatewayV2::DomainName', 1);
      template.hasResourceProperties('AWS::ApiGatewayV2::DomainName', {
        DomainName: domainName,
        DomainNameConfigurations: [
          { CertificateArn: certificateArn, EndpointType: 'REGIONAL', SecurityPolicy: 'TLS_1_2' },
        ],
      });
      const domainId = idOf(stack, stack.api.domainName);
      template.resourceCountIs('AWS::ApiGatewayV2::ApiMapping', 1);
      template.hasResourceProperties('AWS::ApiGatewayV2::ApiMapping', {
        ApiId: { Ref: idOf(stack, stack.api.api) },
        DomainName: { Ref: domainId },
        Stage: '$default',
      });
      expect(template.findResources('AWS::ApiGatewayV2::ApiMapping', { Properties: { ApiMappingKey: {} } })).toEqual(
        {},
      );
      template.hasResourceProperties('AWS::Route53::RecordSet', {
        HostedZoneId: DEV_DEPLOYMENT.hostedZone.id,
        Name: `${domainName}.`,
        Type: 'A',
        AliasTarget: {
          DNSName: { 'Fn::GetAtt': [domainId, 'RegionalDomainName'] },
          HostedZoneId: { 'Fn::GetAtt': [domainId, 'RegionalHostedZoneId'] },
        },
      });
      template.hasOutput('ApiUrl', { Value: `https://${domainName}` });
    }
  });

  it('gives every function both public URLs', () => {
    for (const context of CONTEXTS) {
      for (const fn of platform[context].functions) {
        const variables = variablesOf(platform[context], fn.function);
        expect(variables, fn.definition.id).toMatchObject({
          IDENTITY_URL: 'https://id.dev.platform.example.gov.cn',
          PAYMENTS_URL: 'https://pay.dev.platform.example.gov.cn',
        });
      }
    }
  });

  it('gives the payments functions their secrets, channels and own personal-data key, and each only what it reads', () => {
    const stack = platform.payments;
    const secrets = stack.resources.secrets;
    const secretRef = (name: Parameters<typeof secrets.get>[0]) => ({ Ref: idOf(stack, secrets.get(name)) });
    const fnIn = (id: string) => {
      const found = stack.functions.find((fn) => fn.definition.id === id);
      if (!found) throw new Error(`${id} is not deployed`);
      return found;
    };
    const channels = {
      ALIPAY_URL: DEV_DEPLOYMENT.payments.channels.alipay?.url,
      ALIPAY_CREDENTIALS_SECRET_ID: secretRef('alipayCredentials'),
      WECHAT_PAY_URL: DEV_DEPLOYMENT.payments.channels['wechat-pay']?.url,
      WECHAT_PAY_CREDENTIALS_SECRET_ID: secretRef('wechatPayCredentials'),
    };
    const personalDataKey = { 'Fn::GetAtt': [idOf(stack, stack.resources.personalDataKey), 'Arn'] };
    expect(variablesOf(stack, fnIn('payments-api').function)).toMatchObject({
      PAYMENTS_SECRETS_ID: secretRef('paymentsSecrets'),
      PERSONAL_DATA_KEY_ID: personalDataKey,
    });
    // The API only requests refunds; it holds no channel credentials.
    for (const variable of Object.keys(channels)) {
      expect(variablesOf(stack, fnIn('payments-api').function)).not.toHaveProperty(variable);
    }
    expect(variablesOf(stack, fnIn('payments-checkout').function)).toMatchObject({
      ...channels,
      PAYMENTS_SECRETS_ID: secretRef('paymentsSecrets'),
      PAYER_SIGN_IN_SECRET_ID: secretRef('payerSignInSecret'),
      PAYER_SIGN_IN_CLIENT_ID: DEV_DEPLOYMENT.payments.payerSignInClientId,
    });
    expect(variablesOf(stack, fnIn('payments-checkout').function)).not.toHaveProperty('PERSONAL_DATA_KEY_ID');
    expect(variablesOf(stack, fnIn('payments-finance').function)).toMatchObject({
      ...channels,
      PAYMENTS_SECRETS_ID: secretRef('paymentsSecrets'),
      FINANCE_SIGN_IN_SECRET_ID: secretRef('financeSignInSecret'),
      FINANCE_SIGN_IN_CLIENT_ID: DEV_DEPLOYMENT.payments.financeSignInClientId,
    });
    for (const id of ['payments-sweeper', 'payments-refunds', 'payments-reconciliation']) {
      const variables = variablesOf(stack, fnIn(id).function);
      expect(variables, id).toMatchObject(channels);
      expect(variables, id).not.toHaveProperty('PAYMENTS_SECRETS_ID');
      expect(variables, id).not.toHaveProperty('PERSONAL_DATA_KEY_ID');
    }
    // The sweeper reads the channel secrets and the receipt key set, and opens no other secret.
    const sweeperSecrets = statementsOf(stack, idOf(stack, fnIn('payments-sweeper').role)).find(
      (statement) => statement.Action === 'secretsmanager:GetSecretValue',
    );
    expect(sweeperSecrets?.Resource).toEqual([
      secretRef('receiptKeySet'),
      secretRef('alipayCredentials'),
      secretRef('wechatPayCredentials'),
    ]);
    // The payments API's data keys: its own kinds, under the payments stack's own key (never identity's).
    expect(statementsOf(stack, idOf(stack, fnIn('payments-api').role))).toContainEqual({
      Effect: 'Allow',
      Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
      Resource: personalDataKey,
      Condition: {
        StringEquals: { 'kms:EncryptionContext:kind': ['citizen-id', 'uscc', 'name'] },
        'ForAllValues:StringEquals': { 'kms:EncryptionContextKeys': ['kind'] },
      },
    });
    // Receipt key set, payments index key, payer and finance sign-in keys, and one per channel; secrets, personal
    // data and alarm keys.
    templates.payments.resourceCountIs('AWS::SecretsManager::Secret', 6);
    templates.payments.resourceCountIs('AWS::KMS::Key', 3);
  });

  it('refuses needs of an unknown function, or of a resource owned by another context', () => {
    expect(() => checkFunctionNeeds()).not.toThrow();
    expect(() => checkFunctionNeeds({ 'identity-gone': { signingKeys: true } })).toThrow(UnknownFunctionError);
    const paymentsFunction = functionsOf('payments')[0] as FunctionDefinition;
    expect(() => checkFunctionNeeds({ [paymentsFunction.id]: { signingKeys: true } })).toThrow(ForeignResourceError);
    expect(() => checkFunctionNeeds({ 'identity-provider': { channels: true } })).toThrow(ForeignResourceError);
    // A personal-data key is each context's own.
    expect(() => checkFunctionNeeds({ [paymentsFunction.id]: { personalData: ['citizen-id'] } })).not.toThrow();
    for (const id of Object.keys(FUNCTION_NEEDS)) expect(FUNCTIONS.map((fn) => fn.id)).toContain(id);
  });

  it('refuses a stage without deployment settings, or a domain outside its hosted zone', () => {
    expect(() => buildApp('local', { bundle: false })).toThrow(UndeployableStageError);
    const outside: StageSettings = {
      ...DEV,
      deployment: {
        ...DEV_DEPLOYMENT,
        domains: {
          ...DEV_DEPLOYMENT.domains,
          payments: { ...DEV_DEPLOYMENT.domains.payments, domainName: 'pay.example.org' },
        },
      },
    };
    expect(() => deploymentOf(outside)).toThrow(DomainOutsideZoneError);
  });
});
