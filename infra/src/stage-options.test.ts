import { STAGES, type StageSettings } from '@platform/topology';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { deploymentOf } from './build-app.ts';
import { ContextResources } from './context-resources.ts';
import { FUNCTION_NEEDS } from './function-resources.ts';

const DEV = STAGES.dev as StageSettings;
const DEV_DEPLOYMENT = deploymentOf(DEV);

/** What the optional outside services of a stage's settings turn on and off (`deployment.identity`, `.payments`). */
const resourcesFor = (deployment: typeof DEV_DEPLOYMENT) => {
  const stack = new Stack(new App(), 'Options');
  return { stack, resources: new ContextResources(stack, 'Resources', { stage: DEV, deployment }) };
};
const provider = FUNCTION_NEEDS['identity-provider'] ?? {};
const sweeper = FUNCTION_NEEDS['payments-sweeper'] ?? {};

describe('stage options of the outside services', () => {
  it('gives the provider no CA secret where certificates are off, and no real-name settings where none are set', () => {
    const { stack, resources } = resourcesFor({
      ...DEV_DEPLOYMENT,
      identity: { enterpriseCertificates: false },
    });
    const variables = Object.keys(resources.environmentOf(provider));
    expect(variables).not.toContain('ENTERPRISE_CA_SECRET_ID');
    expect(variables.filter((name) => /REAL_NAME|IDENTITY_ALIPAY/.test(name))).toEqual([]);
    expect([...resources.secrets.keys()].sort()).toEqual(['identitySecrets', 'keySet', 'smsSecret']);
    Template.fromStack(stack).resourceCountIs('AWS::SecretsManager::Secret', 3);
  });

  it('offers the Alipay login app only beside real-name checks', () => {
    const { resources } = resourcesFor({
      ...DEV_DEPLOYMENT,
      identity: { enterpriseCertificates: true, alipayLogin: DEV_DEPLOYMENT.identity.alipayLogin },
    });
    const variables = Object.keys(resources.environmentOf(provider));
    expect(variables).toContain('ENTERPRISE_CA_SECRET_ID');
    expect(variables.filter((name) => /REAL_NAME|IDENTITY_ALIPAY/.test(name))).toEqual([]);
  });

  it('gives the channel functions a URL and a secret per channel the stage lists, and nothing for the others', () => {
    const { resources } = resourcesFor({
      ...DEV_DEPLOYMENT,
      payments: { ...DEV_DEPLOYMENT.payments, channels: { 'wechat-pay': { url: 'https://api.mch.weixin.qq.com' } } },
    });
    const variables = resources.environmentOf(sweeper);
    expect(variables.WECHAT_PAY_URL).toBe('https://api.mch.weixin.qq.com');
    expect(variables.WECHAT_PAY_CREDENTIALS_SECRET_ID).toBeDefined();
    expect(Object.keys(variables).filter((name) => name.startsWith('ALIPAY'))).toEqual([]);
    expect(resources.secrets.has('alipayCredentials')).toBe(false);
  });
});
