import type { DeploymentSettings, StageSettings } from '@platform/topology';
import { CfnOutput, Stack, Validations } from 'aws-cdk-lib';
import { type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { CfnSecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { type FunctionNeeds, RESOURCE_VARIABLES, SECRET_FIELDS } from './function-resources.ts';
import { removalPolicyOf } from './stage-policies.ts';

export interface ContextResourcesProps {
  readonly stage: StageSettings;
  readonly deployment: DeploymentSettings;
}

export type SecretName = 'keySet' | 'identitySecrets' | 'smsSecret';

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
};

/**
 * The secrets and KMS keys of a context, each created the first time a function of the context needs it, so a
 * context whose functions need none (payments, today) gets none.
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
    };
  }

  /**
   * Reading the secrets it needs (GetSecretValue, and Decrypt under the secrets key only for those secrets'
   * encryption context), and data keys of its personal-data kinds only: nothing that writes, lists or describes.
   */
  grant(grantee: IGrantable, needs: FunctionNeeds): void {
    const principal = grantee.grantPrincipal;
    const secrets = [
      ...(needs.signingKeys ? [this.#secret('keySet')] : []),
      ...(needs.identitySecrets ? [this.#secret('identitySecrets')] : []),
      ...(needs.sms ? [this.#secret('smsSecret')] : []),
    ];
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
