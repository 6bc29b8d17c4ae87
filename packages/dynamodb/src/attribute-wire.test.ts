import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeWireItem, marshallToWire, processWithKeyNodes, unmarshallWire } from './attribute-wire.ts';

const options = { removeUndefinedValues: true, convertClassInstanceToMap: false, convertTopLevelContainer: true };

/** Document values as callers write them: every type lib-dynamodb marshals. */
const { value: documentValue } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.string({ unit: 'binary' }),
    fc.integer(),
    fc.double({ noNaN: true, min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
    fc.bigInt({ min: -(2n ** 80n), max: 2n ** 80n }),
    fc.boolean(),
    fc.constant(null),
    fc.uint8Array({ maxLength: 20 }),
    fc.uniqueArray(fc.string(), { minLength: 1, maxLength: 4 }).map((values) => new Set(values)),
    fc.uniqueArray(fc.integer(), { minLength: 1, maxLength: 4 }).map((values) => new Set(values)),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.string(), fc.option(tie('value'), { nil: undefined }), { maxKeys: 4 }),
  ),
}));

/** The SDK's JSON serializer's view of an attribute value: binaries in base64. Independent of the code tested. */
const sdkWire = (attribute: unknown): unknown =>
  JSON.parse(
    JSON.stringify(attribute, (_key, value) =>
      value instanceof Uint8Array ? Buffer.from(value).toString('base64') : value,
    ),
  );

/** The SDK's deserializer: base64 binaries back to Uint8Array, inside attribute values only. */
const decodeSdk = (attribute: Record<string, unknown>): unknown => {
  const [[type, value]] = Object.entries(attribute) as [[string, unknown]];
  const bytes = (text: string) => new Uint8Array(Buffer.from(text, 'base64'));
  switch (type) {
    case 'B':
      return { B: bytes(value as string) };
    case 'BS':
      return { BS: (value as string[]).map(bytes) };
    case 'L':
      return { L: (value as Record<string, unknown>[]).map(decodeSdk) };
    case 'M':
      return {
        M: Object.fromEntries(
          Object.entries(value as Record<string, Record<string, unknown>>).map(([k, v]) => [k, decodeSdk(v)]),
        ),
      };
    default:
      return attribute;
  }
};

describe('marshallToWire', () => {
  it('writes what util-dynamodb marshals, binaries in base64 as the SDK sends them', () => {
    fc.assert(
      fc.property(documentValue, (value) => {
        expect(JSON.parse(JSON.stringify(marshallToWire(value, options)))).toStrictEqual(
          sdkWire(marshall(value, options)),
        );
      }),
      { numRuns: 500 },
    );
  });

  it('encodes any byte view by its own bytes', () => {
    const bytes = new Uint8Array([1, 2, 3, 4, 5, 6]);
    expect(marshallToWire(bytes.subarray(2, 4), options)).toStrictEqual({ B: 'AwQ=' });
    expect(marshallToWire(Buffer.from('hi'), options)).toStrictEqual({ B: 'aGk=' });
  });

  it('fails as util-dynamodb does on what it can not marshal', () => {
    for (const bad of [new Set(), Number.NaN, 2 ** 60, () => 1]) {
      const sdkError = (() => {
        try {
          marshall(bad, options);
        } catch (error) {
          return (error as Error).message;
        }
      })();
      expect(() => marshallToWire(bad, options)).toThrow(sdkError);
    }
  });
});

describe('unmarshallWire', () => {
  it('reads the wire as util-dynamodb unmarshals the SDK-decoded value', () => {
    fc.assert(
      fc.property(documentValue, (value) => {
        const attribute = marshall(value, options) as Record<string, unknown>;
        const wire = sdkWire(attribute);
        expect(unmarshallWire(wire)).toStrictEqual(
          unmarshall(decodeSdk(attribute) as never, { convertWithoutMapWrapper: true }),
        );
      }),
      { numRuns: 500 },
    );
  });

  it('turns numbers beyond the safe integers into BigInt, as util-dynamodb does', () => {
    expect(unmarshallWire({ N: '9007199254740993' })).toBe(9007199254740993n);
    expect(unmarshallWire({ N: '1e400' })).toBe(Number.POSITIVE_INFINITY);
    expect(() => unmarshallWire({ N: '1.5e300' })).toThrow("can't be converted to BigInt");
    expect(() => unmarshallWire({ X: 'y' })).toThrow('Unsupported type passed: X');
  });
});

describe('decodeWireItem', () => {
  it('keeps an item in attribute-value form, with binaries decoded', () => {
    expect(
      decodeWireItem({
        a: { S: 'x' },
        b: { B: 'AAE=' },
        l: { L: [{ BS: ['AQ=='] }, { M: { B: { S: 'attribute named B' } } }] },
      }),
    ).toStrictEqual({
      a: { S: 'x' },
      b: { B: new Uint8Array([0, 1]) },
      l: { L: [{ BS: [new Uint8Array([1])] }, { M: { B: { S: 'attribute named B' } } }] },
    });
  });
});

describe('processWithKeyNodes', () => {
  const mark = (value: unknown) => ({ marked: value });

  it('applies to the values the key nodes name and copies the rest, as lib-dynamodb does', () => {
    const input = {
      TableName: 't',
      Item: { a: 1, b: 'x', fn: () => 1 },
      Key: { pk: 'p' },
      TransactItems: [{ Put: { Item: { a: 1 }, TableName: 't' } }, { Delete: { Key: { k: 2 } } }],
      absent: undefined,
    };
    const keyNodes = {
      Item: {},
      Key: {},
      TransactItems: { '*': { Put: { Item: {} }, Delete: { Key: {} } } },
      Missing: {},
    };
    expect(processWithKeyNodes(input, mark, keyNodes)).toStrictEqual({
      TableName: 't',
      Item: { a: { marked: 1 }, b: { marked: 'x' } },
      Key: { pk: { marked: 'p' } },
      TransactItems: [
        { Put: { Item: { a: { marked: 1 } }, TableName: 't' } },
        { Delete: { Key: { k: { marked: 2 } } } },
      ],
      absent: undefined,
    });
  });

  it('applies to every member of lists under ALL_MEMBERS and to a value itself under SELF', () => {
    expect(
      processWithKeyNodes({ Items: [{ a: 1 }, { b: 2 }], Value: 3 }, mark, { Items: { '*': {} }, Value: null }),
    ).toStrictEqual({
      Items: [{ a: { marked: 1 } }, { b: { marked: 2 } }],
      Value: { marked: 3 },
    });
  });
});
