import type { BoundedContext } from './contexts.ts';

/** A context's public HTTPS endpoint: an API Gateway custom domain in front of its HTTP API. */
export interface PublicDomain {
  /** Host name, e.g. `id.dev.platform.example.gov.cn`. The context's public URL is `https://<domainName>`. */
  readonly domainName: string;
  /** ARN of the ACM certificate covering `domainName`, in the region the stage deploys to. */
  readonly certificateArn: string;
}

/** What a stage deployed to AWS needs beyond the settings every stage has. */
export interface DeploymentSettings {
  /** Route 53 public hosted zone that holds the public domains; the stacks add their alias records to it. */
  readonly hostedZone: { readonly id: string; readonly name: string };
  /** One public domain per context. Both stacks know both URLs (tokens name the issuer and the audience). */
  readonly domains: Readonly<Record<BoundedContext, PublicDomain>>;
  /**
   * Alibaba Cloud SMS for sign-in codes: the approved sign (签名, without brackets) and template code. Neither is a
   * secret; the access key lives in a Secrets Manager secret whose value an operator sets.
   */
  readonly sms: { readonly signName: string; readonly templateCode: string };
  /** What the identity stack tells the provider about the outside services it calls (none of it secret). */
  readonly identity: IdentityDeployment;
  /** What the payments stack tells its functions about the channels and the payer pages (none of it secret). */
  readonly payments: PaymentsDeployment;
}

export interface IdentityDeployment {
  /**
   * Companies sign in with certificates of the CAs in the secret `EnterpriseCaSecret` (created empty, set by an
   * operator before the provider can answer). `false`: no secret, and the sign-in page does not offer certificates.
   */
  readonly enterpriseCertificates: boolean;
  /**
   * The population registry's and the carrier verification service's base URLs (signed HTTPS+JSON,
   * packages/real-name); their client ids and secrets are in the secret `RealNameSecret`. Absent: no real-name
   * check is offered, and the step-up page says the level cannot be reached.
   */
  readonly realName?: { readonly registryUrl: string; readonly carrierUrl: string };
  /**
   * The identity provider's own Alipay login app (not the payments app), for the Alipay-account real-name method:
   * the open platform gateway and the authorisation page. Its keys are in the secret `IdentityAlipaySecret`.
   * Needs `realName` (the method is part of the real-name checks). Absent: the method is not offered.
   */
  readonly alipayLogin?: {
    readonly gatewayUrl: string;
    readonly authoriseUrl: string;
    /** The login app's id (public: it is in every authorise URL); the provider builds that URL without the keys. */
    readonly appId: string;
  };
}

export interface PaymentsDeployment {
  /**
   * The channels the stage offers, each with its API's base URL; each gets a secret for its credentials (created
   * empty, set by an operator). The sandbox channel is local only.
   */
  readonly channels: Readonly<Partial<Record<'alipay' | 'wechat-pay', { readonly url: string }>>>;
  /** The payer pages' (`/my`) client id at the identity provider, registered there by an operator. */
  readonly payerSignInClientId: string;
  /** The finance console's (`/finance`) client id at the identity provider, registered there by an operator. */
  readonly financeSignInClientId: string;
}

/**
 * Deployment stages. `local` is the laptop (DynamoDB Local, no AWS account); the others are AWS accounts.
 * A stage name that is not listed here is refused with a message naming the known ones.
 */
export interface StageSettings {
  readonly name: string;
  /** Days CloudWatch keeps function logs. */
  readonly logRetentionDays: number;
  /** Whether tables survive `cdk destroy`; production data is never deleted by a stack operation. */
  readonly retainData: boolean;
  readonly deletionProtection: boolean;
  /** Set for every stage deployed to AWS; `local` has none, and the CDK app refuses to build it. */
  readonly deployment?: DeploymentSettings;
}

/**
 * PLACEHOLDERS, to be replaced before a stage's first deploy (infra/README.md, "Before the first deploy"): the
 * domains under `example.gov.cn`, the hosted zone ids, the certificates of account 000000000000 and the SMS sign and
 * template do not exist, so a deploy with them fails (the certificate and zone are not found) instead of serving a
 * wrong domain. They are well-formed so that `cdk synth` runs offline.
 */
const placeholderDeployment = (
  zoneName: string,
  zoneId: string,
  certificateId: string,
  alipay: (typeof ALIPAY)[keyof typeof ALIPAY],
): DeploymentSettings => {
  const certificateArn = `arn:aws-cn:acm:cn-north-1:000000000000:certificate/${certificateId}`;
  return {
    hostedZone: { id: zoneId, name: zoneName },
    domains: {
      identity: { domainName: `id.${zoneName}`, certificateArn },
      payments: { domainName: `pay.${zoneName}`, certificateArn },
    },
    sms: { signName: 'PLACEHOLDER', templateCode: 'SMS_000000000' },
    identity: {
      enterpriseCertificates: true,
      // Placeholders: the registry's and the carrier service's contracts name the real hosts.
      realName: {
        registryUrl: 'https://population-registry.placeholder.example.gov.cn',
        carrierUrl: 'https://carrier-verification.placeholder.example.gov.cn',
      },
      alipayLogin: {
        gatewayUrl: alipay.gatewayUrl,
        authoriseUrl: alipay.authoriseUrl,
        // Placeholder: the id Alipay assigns when the login app is registered.
        appId: '2021000000000000',
      },
    },
    payments: {
      channels: { alipay: { url: alipay.baseUrl }, 'wechat-pay': { url: 'https://api.mch.weixin.qq.com' } },
      payerSignInClientId: 'payer-pages',
      financeSignInClientId: 'finance-console',
    },
  };
};

/** Alipay's open platform, or its sandbox (沙箱) for the stages that take no real money. */
const ALIPAY = {
  production: {
    baseUrl: 'https://openapi.alipay.com',
    gatewayUrl: 'https://openapi.alipay.com/gateway.do',
    authoriseUrl: 'https://openauth.alipay.com/oauth2/publicAppAuthorize.htm',
  },
  sandbox: {
    baseUrl: 'https://openapi-sandbox.dl.alipaydev.com',
    gatewayUrl: 'https://openapi-sandbox.dl.alipaydev.com/gateway.do',
    authoriseUrl: 'https://openauth-sandbox.dl.alipaydev.com/oauth2/publicAppAuthorize.htm',
  },
} as const;

export const STAGES: Readonly<Record<string, StageSettings>> = {
  local: { name: 'local', logRetentionDays: 7, retainData: false, deletionProtection: false },
  dev: {
    name: 'dev',
    logRetentionDays: 14,
    retainData: false,
    deletionProtection: false,
    deployment: placeholderDeployment(
      'dev.platform.example.gov.cn',
      'Z0PLACEHOLDER00000DEV',
      '00000000-0000-0000-0000-000000000001',
      ALIPAY.sandbox,
    ),
  },
  staging: {
    name: 'staging',
    logRetentionDays: 90,
    retainData: true,
    deletionProtection: true,
    deployment: placeholderDeployment(
      'staging.platform.example.gov.cn',
      'Z0PLACEHOLDER0STAGING',
      '00000000-0000-0000-0000-000000000002',
      ALIPAY.sandbox,
    ),
  },
  prod: {
    name: 'prod',
    logRetentionDays: 365,
    retainData: true,
    deletionProtection: true,
    deployment: placeholderDeployment(
      'platform.example.gov.cn',
      'Z0PLACEHOLDER0000PROD',
      '00000000-0000-0000-0000-000000000003',
      ALIPAY.production,
    ),
  },
};

export class UnknownStageError extends Error {
  readonly stage: string;

  constructor(stage: string) {
    super(`Unknown stage "${stage}". Known stages: ${Object.keys(STAGES).join(', ')}.`);
    this.name = 'UnknownStageError';
    this.stage = stage;
  }
}

export const stageSettings = (name: string): StageSettings => {
  const settings = STAGES[name];
  if (!settings) throw new UnknownStageError(name);
  return settings;
};
