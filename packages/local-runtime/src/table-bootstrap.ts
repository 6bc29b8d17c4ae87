import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { createDocumentClient, PutCommand } from '@platform/dynamodb';
import { localTableName, TABLE_MARKER_KEY, type TableDefinition } from '@platform/topology';

/** The CreateTable request for a table definition: the same definition the CDK stacks deploy. */
export const createTableInput = (stage: string, table: TableDefinition): CreateTableCommandInput => {
  const attributes = new Map<string, string>();
  const keyAttributes = [
    table.partitionKey,
    table.sortKey,
    ...table.globalIndexes.flatMap((index) => [index.partitionKey, index.sortKey]),
  ];
  for (const attribute of keyAttributes) if (attribute) attributes.set(attribute.name, attribute.type);
  return {
    TableName: localTableName(stage, table),
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [...attributes].map(([AttributeName, AttributeType]) => ({
      AttributeName,
      AttributeType: AttributeType as 'S' | 'N' | 'B',
    })),
    KeySchema: [
      { AttributeName: table.partitionKey.name, KeyType: 'HASH' },
      ...(table.sortKey ? [{ AttributeName: table.sortKey.name, KeyType: 'RANGE' as const }] : []),
    ],
    ...(table.globalIndexes.length > 0
      ? {
          GlobalSecondaryIndexes: table.globalIndexes.map((index) => ({
            IndexName: index.name,
            KeySchema: [
              { AttributeName: index.partitionKey.name, KeyType: 'HASH' as const },
              ...(index.sortKey ? [{ AttributeName: index.sortKey.name, KeyType: 'RANGE' as const }] : []),
            ],
            Projection: { ProjectionType: 'ALL' as const },
          })),
        }
      : {}),
    ...(table.stream ? { StreamSpecification: { StreamEnabled: true, StreamViewType: table.stream } } : {}),
  };
};

/**
 * Creates every given table that does not exist yet, turns on its TTL and writes its marker item. Safe to run on
 * every start: existing tables and markers are left as they are (the marker write is conditional).
 */
export const ensureTables = async (
  client: DynamoDBClient,
  endpoint: string,
  stage: string,
  tables: readonly TableDefinition[],
): Promise<string[]> => {
  const documents = createDocumentClient({ DYNAMODB_ENDPOINT: endpoint });
  const created: string[] = [];
  for (const table of tables) {
    const input = createTableInput(stage, table);
    try {
      await client.send(new CreateTableCommand(input));
      created.push(input.TableName as string);
      if (table.timeToLiveAttribute) {
        await client.send(
          new UpdateTimeToLiveCommand({
            TableName: input.TableName,
            TimeToLiveSpecification: { AttributeName: table.timeToLiveAttribute, Enabled: true },
          }),
        );
      }
    } catch (error) {
      if (!(error instanceof ResourceInUseException)) throw error;
      await client.send(new DescribeTableCommand({ TableName: input.TableName }));
    }
    await documents
      .send(
        new PutCommand({
          TableName: input.TableName,
          Item: { ...TABLE_MARKER_KEY, context: table.context, createdAt: new Date().toISOString() },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      )
      .catch((error: Error) => {
        if (error.name !== 'ConditionalCheckFailedException') throw error;
      });
  }
  return created;
};
