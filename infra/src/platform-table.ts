import type { KeyAttribute, StageSettings, TableDefinition } from '@platform/topology';
import {
  type Attribute,
  AttributeType,
  Billing,
  ProjectionType,
  StreamViewType,
  TableEncryptionV2,
  TableV2,
} from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import { removalPolicyOf } from './stage-policies.ts';

export interface PlatformTableProps {
  readonly definition: TableDefinition;
  readonly stage: StageSettings;
}

const ATTRIBUTE_TYPES = { S: AttributeType.STRING, N: AttributeType.NUMBER, B: AttributeType.BINARY } as const;
const STREAM_VIEWS = {
  NEW_IMAGE: StreamViewType.NEW_IMAGE,
  NEW_AND_OLD_IMAGES: StreamViewType.NEW_AND_OLD_IMAGES,
} as const;

const attribute = (key: KeyAttribute): Attribute => ({ name: key.name, type: ATTRIBUTE_TYPES[key.type] });

/**
 * A context's DynamoDB table, built from its topology definition (the same one the local runtime creates in
 * DynamoDB Local), with the platform's data-protection defaults.
 *
 * Encryption uses the AWS managed key (`aws/dynamodb`) rather than a customer managed key: every use of it is in
 * CloudTrail and it needs no key policy or rotation of our own, while the personal data that warrants stricter
 * control (ID and phone numbers) is already envelope-encrypted field by field by the application under its own
 * KMS key, so a table key of ours would add cost and a key policy to get wrong without protecting anything more.
 */
export class PlatformTable extends TableV2 {
  readonly definition: TableDefinition;

  constructor(scope: Construct, id: string, props: PlatformTableProps) {
    const { definition, stage } = props;
    super(scope, id, {
      partitionKey: attribute(definition.partitionKey),
      ...(definition.sortKey ? { sortKey: attribute(definition.sortKey) } : {}),
      globalSecondaryIndexes: definition.globalIndexes.map((index) => ({
        indexName: index.name,
        partitionKey: attribute(index.partitionKey),
        ...(index.sortKey ? { sortKey: attribute(index.sortKey) } : {}),
        projectionType: ProjectionType.ALL,
      })),
      ...(definition.timeToLiveAttribute ? { timeToLiveAttribute: definition.timeToLiveAttribute } : {}),
      ...(definition.stream ? { dynamoStream: STREAM_VIEWS[definition.stream] } : {}),
      billing: Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: TableEncryptionV2.awsManagedKey(),
      deletionProtection: stage.deletionProtection,
      removalPolicy: removalPolicyOf(stage),
    });
    this.definition = definition;
  }
}
