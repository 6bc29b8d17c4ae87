import type { BoundedContext } from './contexts.ts';

/**
 * Every DynamoDB table of the platform, described once. The CDK stacks build their tables from these
 * definitions and the local runtime creates the very same tables in DynamoDB Local, so the two can not drift.
 *
 * Tables are single-table designs, one per bounded context: generic key names (`pk`/`sk`, `gsiNpk`/`gsiNsk`)
 * let each context add entity kinds without a schema change.
 */
export type AttributeType = 'S' | 'N' | 'B';

export interface KeyAttribute {
  readonly name: string;
  readonly type: AttributeType;
}

export interface GlobalIndexDefinition {
  readonly name: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
}

export interface TableDefinition {
  /** Stable logical id: the CDK construct id and the suffix of the local table name. */
  readonly id: string;
  readonly context: BoundedContext;
  readonly description: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
  readonly globalIndexes: readonly GlobalIndexDefinition[];
  /** Attribute holding an epoch-seconds expiry; DynamoDB deletes such items late, so readers still check it. */
  readonly timeToLiveAttribute?: string;
  /** Change stream, for consumers such as webhook dispatch. */
  readonly stream?: 'NEW_IMAGE' | 'NEW_AND_OLD_IMAGES';
  /** Name of the environment variable through which functions learn the table's physical name. */
  readonly environmentVariable: string;
}

const string = (name: string): KeyAttribute => ({ name, type: 'S' });

const genericIndex = (n: number): GlobalIndexDefinition => ({
  name: `gsi${n}`,
  partitionKey: string(`gsi${n}pk`),
  sortKey: string(`gsi${n}sk`),
});

export const TABLES = {
  identity: {
    id: 'identity',
    context: 'identity',
    description: 'Accounts, real-name verifications, portals, OIDC provider state, audit trail',
    partitionKey: string('pk'),
    sortKey: string('sk'),
    globalIndexes: [genericIndex(1), genericIndex(2)],
    timeToLiveAttribute: 'expiresAt',
    environmentVariable: 'IDENTITY_TABLE',
  },
  payments: {
    id: 'payments',
    context: 'payments',
    description: 'Payment notices, payments, refunds, ledger events, receipts, webhooks, reconciliation runs',
    partitionKey: string('pk'),
    sortKey: string('sk'),
    globalIndexes: [genericIndex(1), genericIndex(2)],
    timeToLiveAttribute: 'expiresAt',
    stream: 'NEW_AND_OLD_IMAGES',
    environmentVariable: 'PAYMENTS_TABLE',
  },
} as const satisfies Record<string, TableDefinition>;

export type TableId = keyof typeof TABLES;

export const tablesOf = (context: BoundedContext): TableDefinition[] =>
  Object.values(TABLES).filter((table) => table.context === context);

/** Physical table name outside CloudFormation (which names deployed tables itself). */
export const localTableName = (stage: string, table: TableDefinition): string => `${stage}-${table.id}`;

/** The item every table carries once bootstrapped; health checks read it to prove a real storage round trip. */
export const TABLE_MARKER_KEY = { pk: 'SYSTEM', sk: 'TABLE_MARKER' } as const;
