import { marshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, it } from 'vitest';
import { decodeErrorMembers, marshallInput, unmarshallOutput } from './document-marshalling.ts';

describe('document marshalling', () => {
  it('marshalls items, keys, expression values and start keys, dropping undefined members', () => {
    const wire = marshallInput('PutItem', {
      TableName: 't',
      Item: {
        pk: 'A',
        n: 1,
        list: ['x', 2],
        map: { a: true, gone: undefined },
        bytes: new Uint8Array([1, 2]),
        skip: undefined,
      },
      ExpressionAttributeValues: { ':s': 'issued', ':n': 0 },
      ConditionExpression: 'attribute_not_exists(pk)',
    });
    expect(wire).toEqual({
      TableName: 't',
      Item: {
        pk: { S: 'A' },
        n: { N: '1' },
        list: { L: [{ S: 'x' }, { N: '2' }] },
        map: { M: { a: { BOOL: true } } },
        bytes: { B: 'AQI=' },
      },
      ExpressionAttributeValues: { ':s': { S: 'issued' }, ':n': { N: '0' } },
      ConditionExpression: 'attribute_not_exists(pk)',
    });
  });

  it('marshalls each member of a transaction and of a batch', () => {
    const transaction = marshallInput('TransactWriteItems', {
      TransactItems: [
        { Put: { TableName: 't', Item: { pk: 'A' } } },
        {
          Update: {
            TableName: 't',
            Key: { pk: 'B' },
            ExpressionAttributeValues: { ':v': 2 },
            UpdateExpression: 'SET v = :v',
          },
        },
        { ConditionCheck: { TableName: 't', Key: { pk: 'C' }, ConditionExpression: 'attribute_exists(pk)' } },
        { Delete: { TableName: 't', Key: { pk: 'D' } } },
      ],
    });
    expect(transaction.TransactItems).toEqual([
      { Put: { TableName: 't', Item: { pk: { S: 'A' } } } },
      {
        Update: {
          TableName: 't',
          Key: { pk: { S: 'B' } },
          ExpressionAttributeValues: { ':v': { N: '2' } },
          UpdateExpression: 'SET v = :v',
        },
      },
      { ConditionCheck: { TableName: 't', Key: { pk: { S: 'C' } }, ConditionExpression: 'attribute_exists(pk)' } },
      { Delete: { TableName: 't', Key: { pk: { S: 'D' } } } },
    ]);
    const batch = marshallInput('BatchWriteItem', {
      RequestItems: { t: [{ PutRequest: { Item: { pk: 'A' } } }, { DeleteRequest: { Key: { pk: 'B' } } }] },
    });
    expect(batch.RequestItems).toEqual({
      t: [{ PutRequest: { Item: { pk: { S: 'A' } } } }, { DeleteRequest: { Key: { pk: { S: 'B' } } } }],
    });
  });

  it('unmarshalls items, attributes, query pages and unprocessed batch items back to plain values', () => {
    const item = { pk: 'A', n: 5, set: new Set(['x']), nested: { list: [1, 'two'] } };
    const wire = marshall(item);
    expect(unmarshallOutput('GetItem', { Item: wire }).Item).toEqual(item);
    expect(unmarshallOutput('UpdateItem', { Attributes: wire }).Attributes).toEqual(item);
    const page = unmarshallOutput('Query', { Items: [wire], LastEvaluatedKey: { pk: { S: 'A' } }, Count: 1 });
    expect(page).toEqual({ Items: [item], LastEvaluatedKey: { pk: 'A' }, Count: 1 });
    const unprocessed = unmarshallOutput('BatchWriteItem', {
      UnprocessedItems: { t: [{ PutRequest: { Item: { pk: { S: 'A' } } } }] },
    });
    expect(unprocessed.UnprocessedItems).toEqual({ t: [{ PutRequest: { Item: { pk: 'A' } } }] });
  });

  it('keeps error items in attribute-value form with binaries decoded, as the SDK hands them over', () => {
    const members = decodeErrorMembers({
      Item: { pk: { S: 'A' }, b: { B: 'AQI=' } },
      CancellationReasons: [{ Code: 'None' }, { Code: 'ConditionalCheckFailed', Item: { pk: { S: 'B' } } }],
    });
    expect(members.Item).toEqual({ pk: { S: 'A' }, b: { B: new Uint8Array([1, 2]) } });
    expect(members.CancellationReasons).toEqual([
      { Code: 'None' },
      { Code: 'ConditionalCheckFailed', Item: { pk: { S: 'B' } } },
    ]);
  });
});

describe('batch get marshalling', () => {
  it('marshalls the keys of each table and unmarshalls responses and unprocessed keys', () => {
    const wire = marshallInput('BatchGetItem', {
      RequestItems: { t: { Keys: [{ pk: 'A', sk: 'B' }], ConsistentRead: true } },
    });
    expect(wire.RequestItems).toEqual({ t: { Keys: [{ pk: { S: 'A' }, sk: { S: 'B' } }], ConsistentRead: true } });
    const output = unmarshallOutput('BatchGetItem', {
      Responses: { t: [{ pk: { S: 'A' }, n: { N: '2' } }] },
      UnprocessedKeys: { t: { Keys: [{ pk: { S: 'C' } }] } },
    });
    expect(output.Responses).toEqual({ t: [{ pk: 'A', n: 2 }] });
    expect(output.UnprocessedKeys).toEqual({ t: { Keys: [{ pk: 'C' }] } });
  });
});
