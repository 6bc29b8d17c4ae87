import type { marshallOptions } from '@aws-sdk/util-dynamodb';
import { decodeWireItem, marshallToWire, unmarshallWire } from './attribute-wire.ts';

/**
 * Where each operation's input and output hold document values (items, keys, expression values), and their
 * conversion to DynamoDB's attribute values and back — what `@aws-sdk/lib-dynamodb` does with its key nodes, for the
 * operations `document-commands.ts` offers. Undefined members are dropped, as the platform's SDK configuration did
 * (`removeUndefinedValues`); class instances are refused (`convertClassInstanceToMap: false`).
 */
type Obj = Record<string, unknown>;

const OPTIONS: marshallOptions = {
  removeUndefinedValues: true,
  convertClassInstanceToMap: false,
  convertTopLevelContainer: true,
};

const toAttributes = (values: unknown): unknown => {
  if (values === undefined || values === null) return values;
  const attributes: Obj = {};
  for (const [name, value] of Object.entries(values as Obj)) {
    if (value !== undefined) attributes[name] = marshallToWire(value, OPTIONS);
  }
  return attributes;
};

export const fromAttributes = (attributes: unknown): Obj | undefined => {
  if (attributes === undefined || attributes === null) return undefined;
  const values: Obj = {};
  for (const [name, attribute] of Object.entries(attributes as Obj)) values[name] = unmarshallWire(attribute);
  return values;
};

const DOCUMENT_FIELDS = ['Item', 'Key', 'ExpressionAttributeValues', 'ExclusiveStartKey'] as const;

/** One request (or one transaction or batch member) with its document fields marshalled. */
const marshallRequest = (request: Obj): Obj => {
  const wire: Obj = { ...request };
  for (const field of DOCUMENT_FIELDS) if (field in request) wire[field] = toAttributes(request[field]);
  return wire;
};

const TRANSACT_KINDS = ['ConditionCheck', 'Put', 'Delete', 'Update'] as const;
const BATCH_KINDS = { PutRequest: 'Item', DeleteRequest: 'Key' } as const;

const marshallBatch = (requestItems: Obj, field: 'Item' | 'Key' | null, decode: (v: unknown) => unknown): Obj => {
  const out: Obj = {};
  for (const [table, requests] of Object.entries(requestItems)) {
    out[table] = (requests as Obj[]).map((request) => {
      const converted: Obj = {};
      for (const [kind, body] of Object.entries(request)) {
        const key = BATCH_KINDS[kind as keyof typeof BATCH_KINDS] ?? field;
        converted[kind] = key ? { ...(body as Obj), [key]: decode((body as Obj)[key]) } : body;
      }
      return converted;
    });
  }
  return out;
};

/** BatchGetItem's `{ table: { Keys: [...], … } }`, keys converted one way or the other. */
const mapKeysAndAttributes = (requestItems: Obj, convert: (keys: unknown) => unknown): Obj => {
  const out: Obj = {};
  for (const [table, request] of Object.entries(requestItems)) {
    const { Keys, ...rest } = request as Obj;
    out[table] = { ...rest, Keys: (Keys as unknown[]).map(convert) };
  }
  return out;
};

export const marshallInput = (operation: string, input: Obj): Obj => {
  switch (operation) {
    case 'TransactWriteItems':
      return {
        ...input,
        TransactItems: (input.TransactItems as Obj[]).map((item) => {
          const wire: Obj = {};
          for (const kind of TRANSACT_KINDS) if (item[kind]) wire[kind] = marshallRequest(item[kind] as Obj);
          return wire;
        }),
      };
    case 'BatchWriteItem':
      return { ...input, RequestItems: marshallBatch(input.RequestItems as Obj, null, toAttributes) };
    case 'BatchGetItem':
      return { ...input, RequestItems: mapKeysAndAttributes(input.RequestItems as Obj, toAttributes) };
    default:
      return marshallRequest(input);
  }
};

export const unmarshallOutput = (operation: string, output: Obj): Obj => {
  const result: Obj = { ...output };
  if (output.Item) result.Item = fromAttributes(output.Item);
  if (output.Attributes) result.Attributes = fromAttributes(output.Attributes);
  if (output.Items) result.Items = (output.Items as Obj[]).map(fromAttributes);
  if (output.LastEvaluatedKey) result.LastEvaluatedKey = fromAttributes(output.LastEvaluatedKey);
  if (output.Responses && operation === 'BatchGetItem') {
    const responses: Obj = {};
    for (const [table, items] of Object.entries(output.Responses as Obj)) {
      responses[table] = (items as Obj[]).map(fromAttributes);
    }
    result.Responses = responses;
  }
  if (operation === 'BatchGetItem' && output.UnprocessedKeys) {
    result.UnprocessedKeys = mapKeysAndAttributes(output.UnprocessedKeys as Obj, fromAttributes);
  }
  if (operation === 'BatchWriteItem' && output.UnprocessedItems) {
    result.UnprocessedItems = marshallBatch(output.UnprocessedItems as Obj, null, fromAttributes);
  }
  return result;
};

/**
 * DynamoDB's error members as the SDK hands them over (`ReturnValuesOnConditionCheckFailure`): `Item` and
 * `CancellationReasons[].Item` still in attribute-value form, binaries decoded — callers `unmarshall` them.
 */
export const decodeErrorMembers = (data: Obj): Obj => {
  const members: Obj = {};
  if (data.Item && typeof data.Item === 'object') members.Item = decodeWireItem(data.Item as Obj);
  if (Array.isArray(data.CancellationReasons)) {
    members.CancellationReasons = data.CancellationReasons.map((reason: Obj | null) =>
      reason?.Item && typeof reason.Item === 'object'
        ? { ...reason, Item: decodeWireItem(reason.Item as Obj) }
        : reason,
    );
  }
  return members;
};
