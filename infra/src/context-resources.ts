import type { DeploymentSettings, StageSettings } from '@platform/topology';
import { type CfnElement, CfnOutput, Duration, Stack, Validations } from 'aws-cdk-lib';
import { type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { BlockPublicAccess, Bucket, BucketEncryption, StorageClass } from 'aws-cdk-lib/aws-s3';
import { CfnSecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct, type IConstruct } from 'constructs';
import {
  CHANNEL_RESOURCE_VARIABLES,
  type DeployedChannel,
  type FunctionNeeds,
  RESOURCE_VARIABLES,
  SECRET_FIELDS,
} from './function-resources.ts';
import { removalPolicyOf } from './stage-policies.ts';

export interface ContextResourcesProps {
  readonly stage: StageSettings;
  readonly deployment: DeploymentSettings;
}

export type SecretName =
  | 'keySet'
  | 'identitySecrets'
  | 'smsSecret'
  | 'receiptKeySet'
  | 'paymentsSecrets'
  | 'payerSignInSecret'
  | 'financeSignInSecret'
  | 'enterpriseCaSecret'
  | 'realNameSecret'
  | 'identityAlipaySecret'
  | 'alipayCredentials'
  | 'wechatPayCredentials';

const CHANNEL_SECRETS: Readonly<Record<DeployedChannel, SecretName>> = {
  alipay: 'alipayCredentials',
  'wechat-pay': 'wechatPayCredentials',
};

const fields = (names: readonly string[]) => `JSON {${names.join(', ')}}`;
const issuedElsewhere = (issuer: string) =>
  `The value is issued by ${issuer}, which a Secrets Manager rotation Lambda can not call; the operator replaces ` +
  'it when the issuer renews it (infra/README.md).';

interface SecretSpec {
  readonly id: string;
  readonly output: string;
  readonly description: string;
  /** Why the secret has no Secrets Manager rotation schedule: the AwsSolutions-SMG4 acknowledgement. */
  readonly noRotationReason: string;
}

const SECRETS: Readonly<Record<SecretName, SecretSpec>> = {
  keySet: {
    id: 'KeySetSecret',
    output: 'KeySetSecretArn',
    description: 'Signing key set of the identity provider. Created empty; set with `npm run keys -- init`.',
    noRotationReason:
      'The signing key set rotates with `npm run keys -- rotate` (packages/signing-keys): a new key is published as ' +
      '"next" before it signs and retired keys stay published, which a Secrets Manager rotation Lambda replacing ' +
      'the value would break.',
  },
  identitySecrets: {
    id: 'IdentitySecrets',
    output: 'IdentitySecretsArn',
    description: `Identity provider keys, JSON {${SECRET_FIELDS.identitySecrets.join(', ')}}. Created empty; an operator sets it once.`,
    noRotationReason:
      'These keys derive stored values (blind indexes of phone numbers, pairwise subject identifiers, SMS code ' +
      'hashes): a new value orphans every record keyed by the old one, so they are set once and never rotated.',
  },
  smsSecret: {
    id: 'SmsSecret',
    output: 'SmsSecretArn',
    description: `Alibaba Cloud SMS access key, JSON {${SECRET_FIELDS.smsSecret.join(', ')}}. Created empty; an operator sets it.`,
    noRotationReason:
      'An Alibaba Cloud RAM access key is issued by Alibaba Cloud, which a Secrets Manager rotation Lambda can not ' +
      'call; the operator rotates it in RAM and puts the new pair here (infra/README.md).',
  },
  receiptKeySet: {
    id: 'ReceiptKeySetSecret',
    output: 'ReceiptKeySetSecretArn',
    description:
      'Receipt-signing key set of the finance bureau (packages/fiscal-receipts). Created empty; set with `keys init`.',
    noRotationReason:
      'Receipt keys rotate with the signing-keys CLI (next → current → retired) and retired keys stay published for ' +
      'as long as receipts must verify; a Secrets Manager rotation Lambda replacing the value would break both.',
  },
  paymentsSecrets: {
    id: 'PaymentsSecrets',
    output: 'PaymentsSecretsArn',
    description: `Payments index key, ${fields(SECRET_FIELDS.paymentsSecrets)}: the same value as the identity stack's personalDataIndexKey. Created empty; an operator sets it once.`,
    noRotationReason:
      'The index key derives the stored blind indexes of payers and finance officers: a new value orphans every ' +
      'notice and officer record made with the old one, so it is set once and never rotated.',
  },
  payerSignInSecret: {
    id: 'PayerSignInSecret',
    output: 'PayerSignInSecretArn',
    description: `Keys of the payer pages' sign-in client, ${fields(SECRET_FIELDS.payerSignInSecret)}. Created empty; an operator sets it.`,
    noRotationReason:
      'The client key pair is registered at the identity provider (its public JWK) and must change there in the ' +
      'same step; the operator rotates both together (infra/README.md), which a rotation Lambda can not do.',
  },
  financeSignInSecret: {
    id: 'FinanceSignInSecret',
    output: 'FinanceSignInSecretArn',
    description: `Keys of the finance console's sign-in client, ${fields(SECRET_FIELDS.financeSignInSecret)}. Created empty; an operator sets it.`,
    noRotationReason:
      'The client key pair is registered at the identity provider (its public JWK) and must change there in the ' +
      'same step; the operator rotates both together (infra/README.md), which a rotation Lambda can not do.',
  },
  enterpriseCaSecret: {
    id: 'EnterpriseCaSecret',
    output: 'EnterpriseCaSecretArn',
    description: `Trust anchors of enterprise certificate sign-in, ${fields(SECRET_FIELDS.enterpriseCaSecret)}. Created empty; an operator sets it.`,
    noRotationReason: issuedElsewhere('the enterprise certificate authorities (their CA certificates and CRLs)'),
  },
  realNameSecret: {
    id: 'RealNameSecret',
    output: 'RealNameSecretArn',
    description: `Client ids and signing secrets of the population registry and the carrier check, ${fields(SECRET_FIELDS.realNameSecret)} each {clientId, secret}. Created empty; an operator sets it.`,
    noRotationReason: issuedElsewhere('the population registry operator and the carrier verification service'),
  },
  identityAlipaySecret: {
    id: 'IdentityAlipaySecret',
    output: 'IdentityAlipaySecretArn',
    description: `The identity provider's Alipay login app, ${fields(SECRET_FIELDS.identityAlipaySecret)}. Created empty; an operator sets it.`,
    noRotationReason: issuedElsewhere('the Alipay open platform (the app key pair and Alipay public key)'),
  },
  alipayCredentials: {
    id: 'AlipayCredentials',
    output: 'AlipayCredentialsSecretArn',
    description: `Alipay merchant app of the cashier, ${fields(SECRET_FIELDS.alipay)}. Created empty; an operator sets it.`,
    noRotationReason: issuedElsewhere('the Alipay open platform (the app key pair and Alipay public key)'),
  },
  wechatPayCredentials: {
    id: 'WechatPayCredentials',
    output: 'WechatPayCredentialsSecretArn',
    description: `WeChat Pay merchant, ${fields(SECRET_FIELDS['wechat-pay'])}. Created empty; an operator sets it.`,
    noRotationReason: issuedElsewhere('WeChat Pay (the merchant API certificate, the APIv3 key and platform keys)'),
  },
};

/**
 * The secrets and KMS keys of a context, each created the first time a function of the context needs it, so a
 * context whose functions need none gets none.
 *
 * Secrets are `CfnSecret`s without `SecretString` or `GenerateSecretString`: CloudFormation creates them empty and
 * never holds a value (the L2 `Secret` always generates one). Operators set the values (infra/README.md).
 */
export class ContextResources extends Construct {
  readonly #stage: StageSettings;
  readonly #deployment: DeploymentSettings;
  readonly #secrets = new Map<SecretName, CfnSecret>();
  #secretsKey: Key | undefined;
  #personalDataKey: Key | undefined;
  #statementsBucket: Bucket | undefined;

  constructor(scope: Construct, id: string, props: ContextResourcesProps) {
    super(scope, id);
    this.#stage = props.stage;
    this.#deployment = props.deployment;
  }

  /** The secrets created so far. */
  get secrets(): ReadonlyMap<SecretName, CfnSecret> {
    return this.#secrets;
  }

  get secretsKey(): Key | undefined {
    return this.#secretsKey;
  }

  get personalDataKey(): Key | undefined {
    return this.#personalDataKey;
  }

  /** Identifiers only (ARNs) and the SMS sign and template, which are not secrets. */
  environmentOf(needs: FunctionNeeds): Record<string, string> {
    return {
      ...(needs.signingKeys ? { [RESOURCE_VARIABLES.keySetSecret]: this.#secret('keySet').ref } : {}),
      ...(needs.identitySecrets ? { [RESOURCE_VARIABLES.identitySecrets]: this.#secret('identitySecrets').ref } : {}),
      ...(needs.sms
        ? {
            [RESOURCE_VARIABLES.smsSecret]: this.#secret('smsSecret').ref,
            [RESOURCE_VARIABLES.smsSignName]: this.#deployment.sms.signName,
            [RESOURCE_VARIABLES.smsTemplateCode]: this.#deployment.sms.templateCode,
          }
        : {}),
      ...(needs.personalData?.length ? { [RESOURCE_VARIABLES.personalDataKey]: this.#personalData().keyArn } : {}),
      ...(needs.statementsBucket ? { [RESOURCE_VARIABLES.statementsBucket]: this.#statements().bucketName } : {}),
      ...(needs.reportExports ? { [RESOURCE_VARIABLES.reportExports]: this.#statements().bucketName } : {}),
      ...(needs.receiptKeys ? { [RESOURCE_VARIABLES.receiptKeySetSecret]: this.#secret('receiptKeySet').ref } : {}),
      ...(needs.paymentsSecrets ? { [RESOURCE_VARIABLES.paymentsSecrets]: this.#secret('paymentsSecrets').ref } : {}),
      ...(needs.payerSignIn
        ? {
            [RESOURCE_VARIABLES.payerSignInSecret]: this.#secret('payerSignInSecret').ref,
            [RESOURCE_VARIABLES.payerSignInClientId]: this.#deployment.payments.payerSignInClientId,
          }
        : {}),
      ...(needs.financeSignIn
        ? {
            [RESOURCE_VARIABLES.financeSignInSecret]: this.#secret('financeSignInSecret').ref,
            [RESOURCE_VARIABLES.financeSignInClientId]: this.#deployment.payments.financeSignInClientId,
          }
        : {}),
      ...(needs.channels ? this.#channelEnvironment() : {}),
      ...(needs.enterpriseCa && this.#deployment.identity.enterpriseCertificates
        ? { [RESOURCE_VARIABLES.enterpriseCaSecret]: this.#secret('enterpriseCaSecret').ref }
        : {}),
      ...(needs.realName ? this.#realNameEnvironment() : {}),
      ...(needs.alipayLogin ? this.#alipayLoginEnvironment(needs.alipayLogin) : {}),
    };
  }

  /** The stage's channels: `ALIPAY_URL` and `ALIPAY_CREDENTIALS_SECRET_ID`, and so on. */
  #channelEnvironment(): Record<string, string> {
    return Object.fromEntries(
      this.#deployedChannels().flatMap(([channel, { url }]) => [
        [CHANNEL_RESOURCE_VARIABLES[channel].url, url],
        [CHANNEL_RESOURCE_VARIABLES[channel].secret, this.#secret(CHANNEL_SECRETS[channel]).ref],
      ]),
    );
  }

  #deployedChannels(): [DeployedChannel, { readonly url: string }][] {
    return Object.entries(this.#deployment.payments.channels).flatMap(([channel, settings]) =>
      settings ? [[channel as DeployedChannel, settings]] : [],
    );
  }

  /** Where the stage configures them: the registry and the carrier check. */
  #realNameEnvironment(): Record<string, string> {
    const { realName } = this.#deployment.identity;
    if (!realName) return {};
    return {
      [RESOURCE_VARIABLES.realNameRegistryUrl]: realName.registryUrl,
      [RESOURCE_VARIABLES.realNameCarrierUrl]: realName.carrierUrl,
      [RESOURCE_VARIABLES.realNameSecret]: this.#secret('realNameSecret').ref,
    };
  }

  /**
   * The Alipay login app, where the stage configures it beside the real-name checks: its id and authorise page for
   * the provider; its gateway and keys for identity-payment-account only.
   */
  #alipayLoginEnvironment(use: 'authorise' | 'exchange'): Record<string, string> {
    const { realName, alipayLogin } = this.#deployment.identity;
    if (!realName || !alipayLogin) return {};
    return {
      [RESOURCE_VARIABLES.identityAlipayAppId]: alipayLogin.appId,
      [RESOURCE_VARIABLES.identityAlipayAuthoriseUrl]: alipayLogin.authoriseUrl,
      ...(use === 'exchange'
        ? {
            [RESOURCE_VARIABLES.identityAlipayGatewayUrl]: alipayLogin.gatewayUrl,
            [RESOURCE_VARIABLES.identityAlipaySecret]: this.#secret('identityAlipaySecret').ref,
          }
        : {}),
    };
  }

  /** The secrets a function with these needs reads in this stage. */
  #secretsOf(needs: FunctionNeeds): CfnSecret[] {
    const { identity } = this.#deployment;
    return [
      ...(needs.signingKeys ? [this.#secret('keySet')] : []),
      ...(needs.identitySecrets ? [this.#secret('identitySecrets')] : []),
      ...(needs.sms ? [this.#secret('smsSecret')] : []),
      ...(needs.receiptKeys ? [this.#secret('receiptKeySet')] : []),
      ...(needs.paymentsSecrets ? [this.#secret('paymentsSecrets')] : []),
      ...(needs.payerSignIn ? [this.#secret('payerSignInSecret')] : []),
      ...(needs.financeSignIn ? [this.#secret('financeSignInSecret')] : []),
      ...(needs.channels ? this.#deployedChannels().map(([channel]) => this.#secret(CHANNEL_SECRETS[channel])) : []),
      ...(needs.enterpriseCa && identity.enterpriseCertificates ? [this.#secret('enterpriseCaSecret')] : []),
      ...(needs.realName && identity.realName ? [this.#secret('realNameSecret')] : []),
      ...(needs.alipayLogin === 'exchange' && identity.realName && identity.alipayLogin
        ? [this.#secret('identityAlipaySecret')]
        : []),
    ];
  }

  /**
   * Reading the secrets it needs (GetSecretValue, and Decrypt under the secrets key only for those secrets'
   * encryption context), and data keys of its personal-data kinds only: nothing that writes, lists or describes.
   */
  grant(grantee: IGrantable, needs: FunctionNeeds): void {
    const principal = grantee.grantPrincipal;
    const secrets = this.#secretsOf(needs);
    if (secrets.length > 0) {
      const arns = secrets.map((secret) => secret.ref);
      principal.addToPrincipalPolicy(
        new PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: arns }),
      );
      // GetSecretValue of a secret under a customer managed key needs kms:Decrypt of the caller. Secrets Manager
      // always passes the secret's ARN as encryption context, so this opens these secrets and nothing else.
      principal.addToPrincipalPolicy(
        new PolicyStatement({
          actions: ['kms:Decrypt'],
          resources: [this.#secretsEncryptionKey().keyArn],
          conditions: { StringEquals: { 'kms:EncryptionContext:SecretARN': arns } },
        }),
      );
    }
    // Objects only (put, get), under one prefix each: no delete, no listing, no bucket configuration.
    const objectsUnder = (prefix: string, why: string) => {
      const bucket = this.#statements();
      principal.addToPrincipalPolicy(
        new PolicyStatement({
          actions: ['s3:GetObject', 's3:PutObject'],
          resources: [bucket.arnForObjects(`${prefix}/*`)],
        }),
      );
      const bucketId = Stack.of(this).getLogicalId(bucket.node.defaultChild as CfnElement);
      Validations.of(grantee as unknown as IConstruct).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${prefix}/*]`,
        reason: `${why}; the wildcard is one prefix of the one statements bucket, for GetObject and PutObject only.`,
      });
    };
    if (needs.statementsBucket) {
      objectsUnder('statements', 'Statement object keys are made per channel, business day and file hash at run time');
    }
    if (needs.reportExports) {
      // GetObject too: a presigned URL fetches with the signer's own permissions.
      objectsUnder('exports', 'Report downloads get a random object key each, made at run time');
    }
    const kinds = needs.personalData ?? [];
    if (kinds.length > 0) {
      // KmsKeyWrapper sends exactly `{ kind }` as encryption context: require it, one of these kinds, nothing else.
      principal.addToPrincipalPolicy(
        new PolicyStatement({
          actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
          resources: [this.#personalData().keyArn],
          conditions: {
            StringEquals: { 'kms:EncryptionContext:kind': [...kinds] },
            'ForAllValues:StringEquals': { 'kms:EncryptionContextKeys': ['kind'] },
          },
        }),
      );
    }
  }

  #secret(name: SecretName): CfnSecret {
    const existing = this.#secrets.get(name);
    if (existing) return existing;
    const spec = SECRETS[name];
    const secret = new CfnSecret(this, spec.id, {
      description: `${spec.description} Stage ${this.#stage.name}.`,
      kmsKeyId: this.#secretsEncryptionKey().keyArn,
    });
    secret.applyRemovalPolicy(removalPolicyOf(this.#stage));
    Validations.of(secret).acknowledge({ id: 'AwsSolutions-SMG4', reason: spec.noRotationReason });
    new CfnOutput(Stack.of(this), spec.output, { value: secret.ref, description: spec.description });
    this.#secrets.set(name, secret);
    return secret;
  }

  #secretsEncryptionKey(): Key {
    this.#secretsKey ??= new Key(this, 'SecretsKey', {
      description: `Encrypts the secrets of stage ${this.#stage.name}`,
      enableKeyRotation: true,
      removalPolicy: removalPolicyOf(this.#stage),
    });
    return this.#secretsKey;
  }

  /**
   * Channel statements exactly as downloaded (packages/reconciliation `S3StatementArchive`): financial evidence, so
   * versioned (an overwrite or delete keeps the old bytes), S3-encrypted, TLS only, never public; moved to cheaper
   * storage after 90 days, and superseded versions kept a year.
   */
  #statements(): Bucket {
    if (!this.#statementsBucket) {
      this.#statementsBucket = new Bucket(this, 'StatementsBucket', {
        encryption: BucketEncryption.S3_MANAGED,
        enforceSSL: true,
        versioned: true,
        blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
        removalPolicy: removalPolicyOf(this.#stage),
        lifecycleRules: [
          {
            id: 'statements-age',
            transitions: [{ storageClass: StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(90) }],
            noncurrentVersionExpiration: Duration.days(365),
            abortIncompleteMultipartUploadAfter: Duration.days(7),
          },
          // Report downloads (`exports/`) are copies of what the runs hold, handed out once: gone after a day.
          {
            id: 'report-exports',
            prefix: 'exports/',
            expiration: Duration.days(1),
            noncurrentVersionExpiration: Duration.days(1),
          },
        ],
      });
      Validations.of(this.#statementsBucket).acknowledge({
        id: 'AwsSolutions-S1',
        reason:
          'Only the reconciliation function role can put or get statements (no delete, no list); object access is ' +
          'recorded by CloudTrail and every version is kept, so server access logs would add a second log bucket ' +
          'without adding evidence.',
      });
      new CfnOutput(Stack.of(this), 'StatementsBucketName', {
        value: this.#statementsBucket.bucketName,
        description: 'Channel statements kept for reconciliation (STATEMENTS_BUCKET)',
      });
    }
    return this.#statementsBucket;
  }

  #personalData(): Key {
    if (!this.#personalDataKey) {
      this.#personalDataKey = new Key(this, 'PersonalDataKey', {
        description: `Wraps the data keys of personal data (envelope encryption), stage ${this.#stage.name}`,
        enableKeyRotation: true,
        removalPolicy: removalPolicyOf(this.#stage),
      });
      new CfnOutput(Stack.of(this), 'PersonalDataKeyArn', {
        value: this.#personalDataKey.keyArn,
        description: 'KMS key of personal-data envelope encryption (PERSONAL_DATA_KEY_ID)',
      });
    }
    return this.#personalDataKey;
  }
}
