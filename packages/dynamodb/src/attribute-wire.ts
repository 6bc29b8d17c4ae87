import { marshall, type marshallOptions } from '@aws-sdk/util-dynamodb';

/**
 * Document values to DynamoDB's JSON wire format and back, for `document-marshalling.ts`.
 *
 * Going out, values are marshalled by `@aws-sdk/util-dynamodb` itself, exactly as `@aws-sdk/lib-dynamodb` does; only
 * binary values (`B`, `BS`) then need base64, as the SDK's JSON serializer writes them. Coming back, `unmarshallWire`
 * is `util-dynamodb`'s `unmarshall` (with lib-dynamodb's `convertWithoutMapWrapper`, numbers unwrapped) applied
 * straight to the wire JSON: base64 binaries become `Uint8Array`s on the way, as the SDK's deserializer makes them.
 * The unit tests check both against the SDK's functions on generated values.
 */

/** Where in a command's input or output document values sit: lib-dynamodb's `inputKeyNodes`/`outputKeyNodes`. */
export type KeyNodes = null | readonly unknown[] | { readonly [key: string]: KeyNodes };

type Obj = Record<string, unknown>;

const NEXT_LEVEL = '*';

/**
 * lib-dynamodb's `processObj`: applies `process` to the values the key nodes point at and copies everything else.
 * `null` means "this value", `{}` or `[]` "every member of this object or array", `{'*': nodes}` "apply `nodes` to
 * every member", and other keys name members. Kept line for line with the original so that inputs and outputs have
 * exactly the shape the SDK gives them.
 */
export const processWithKeyNodes = (
  obj: unknown,
  process: (value: unknown) => unknown,
  keyNodes: KeyNodes,
): unknown => {
  if (obj === undefined) return undefined;
  if (keyNodes == null) return process(obj);
  const keys = Object.keys(keyNodes);
  const goToNextLevel = keys.length === 1 && keys[0] === NEXT_LEVEL;
  if (keys.length === 0) return processAllKeys(obj, process, null);
  if (!goToNextLevel) return processKeys(obj as Obj, process, keyNodes as { [key: string]: KeyNodes });
  const next = (keyNodes as { [key: string]: KeyNodes })[NEXT_LEVEL] as KeyNodes;
  const accumulator: Obj | unknown[] = Array.isArray(obj) ? [] : {};
  for (const [key, value] of Object.entries((obj ?? {}) as Obj)) {
    if (typeof value !== 'function') (accumulator as Obj)[key] = processWithKeyNodes(value, process, next);
  }
  return accumulator;
};

const processKeys = (obj: Obj, process: (value: unknown) => unknown, keyNodes: { [key: string]: KeyNodes }) => {
  let accumulator: Obj | unknown[];
  if (Array.isArray(obj)) {
    accumulator = obj.filter((item) => typeof item !== 'function');
  } else {
    accumulator = {};
    for (const [key, value] of Object.entries(obj)) {
      if (typeof value !== 'function') accumulator[key] = value;
    }
  }
  for (const [nodeKey, nodes] of Object.entries(keyNodes)) {
    if (typeof obj[nodeKey] === 'function') continue;
    const processed = processWithKeyNodes(obj[nodeKey], process, nodes);
    if (processed !== undefined && typeof processed !== 'function') (accumulator as Obj)[nodeKey] = processed;
  }
  return accumulator;
};

const processAllKeys = (obj: unknown, process: (value: unknown) => unknown, keyNodes: KeyNodes): unknown => {
  if (Array.isArray(obj)) {
    return obj.filter((item) => typeof item !== 'function').map((item) => processWithKeyNodes(item, process, keyNodes));
  }
  const accumulator: Obj = {};
  for (const [key, value] of Object.entries(obj as Obj)) {
    if (typeof value === 'function') continue;
    const processed = processWithKeyNodes(value, process, keyNodes);
    if (processed !== undefined && typeof processed !== 'function') accumulator[key] = processed;
  }
  return accumulator;
};

/** The SDK's blob encoding (`@smithy/util-base64` `toBase64`): strings as UTF-8, any byte view as its bytes. */
const base64 = (value: unknown): string => {
  if (typeof value === 'string') return Buffer.from(value, 'utf8').toString('base64');
  if (ArrayBuffer.isView(value))
    return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
  throw new Error('@smithy/util-base64: toBase64 encoder function only accepts string | Uint8Array.');
};

/** Rewrites binaries in a freshly marshalled attribute value to base64, in place (marshall made every wrapper). */
const binariesToBase64 = (attribute: Obj): Obj => {
  if ('M' in attribute) {
    for (const member of Object.values(attribute.M as Obj)) binariesToBase64(member as Obj);
  } else if ('L' in attribute) {
    for (const member of attribute.L as Obj[]) binariesToBase64(member);
  } else if ('B' in attribute) {
    attribute.B = base64(attribute.B);
  } else if ('BS' in attribute) {
    attribute.BS = (attribute.BS as unknown[]).map(base64);
  }
  return attribute;
};

/** lib-dynamodb's marshalling of one document value, in wire form (binaries in base64). */
export const marshallToWire = (value: unknown, options: marshallOptions): unknown =>
  binariesToBase64(marshall(value, options) as Obj);

const fromBase64 = (value: string): Uint8Array => {
  const bytes = Buffer.from(value, 'base64');
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
};

/** util-dynamodb's `convertNumber` without `wrapNumbers`: beyond the safe integers, a BigInt. */
const toNumber = (text: string): number | bigint => {
  const number = Number(text);
  const largeFinite =
    (number > Number.MAX_SAFE_INTEGER || number < Number.MIN_SAFE_INTEGER) &&
    number !== Number.POSITIVE_INFINITY &&
    number !== Number.NEGATIVE_INFINITY;
  if (!largeFinite) return number;
  try {
    return BigInt(text);
  } catch {
    throw new Error(`${text} can't be converted to BigInt. Set options.wrapNumbers to get string value.`);
  }
};

/** util-dynamodb's `convertToNative`, reading the wire JSON (base64 binaries) directly. */
export const unmarshallWire = (data: unknown): unknown => {
  for (const [type, value] of Object.entries(data as Obj)) {
    if (value === undefined) continue;
    switch (type) {
      case 'NULL':
        return null;
      case 'BOOL':
        return Boolean(value);
      case 'N':
        return toNumber(value as string);
      case 'B':
        return fromBase64(value as string);
      case 'S':
        return value;
      case 'L':
        return (value as unknown[]).map(unmarshallWire);
      case 'M': {
        const map: Obj = {};
        for (const [key, member] of Object.entries(value as Obj)) map[key] = unmarshallWire(member);
        return map;
      }
      case 'NS':
        return new Set((value as string[]).map(toNumber));
      case 'BS':
        return new Set((value as string[]).map(fromBase64));
      case 'SS':
        return new Set(value as string[]);
      default:
        throw new Error(`Unsupported type passed: ${type}`);
    }
  }
  throw new Error(`No value defined: ${JSON.stringify(data)}`);
};

/**
 * A marshalled item from the wire as the SDK hands it over in errors (`ConditionalCheckFailedException.Item`,
 * `CancellationReasons[].Item`): still in attribute-value form, binaries decoded to `Uint8Array`.
 */
export const decodeWireItem = (item: Obj): Obj => {
  const decoded: Obj = {};
  for (const [name, attribute] of Object.entries(item)) decoded[name] = decodeWireAttribute(attribute as Obj);
  return decoded;
};

const decodeWireAttribute = (attribute: Obj): Obj => {
  if ('B' in attribute) return { B: fromBase64(attribute.B as string) };
  if ('BS' in attribute) return { BS: (attribute.BS as string[]).map(fromBase64) };
  if ('M' in attribute) return { M: decodeWireItem(attribute.M as Obj) };
  if ('L' in attribute) return { L: (attribute.L as Obj[]).map(decodeWireAttribute) };
  return attribute;
};
