/**
 * One spelling per JSON value, so that two bodies meaning the same thing hash the same: object members sorted by
 * key (UTF-16 code units, as RFC 8785 does), no white space, numbers and strings as `JSON.stringify` writes them
 * (which is RFC 8785's number form). `{"b":1,"a":[1,2]}` and `{ "a": [1, 2], "b": 1 }` are one body.
 *
 * Values JSON can not carry (undefined in arrays, functions, bigints, NaN, class instances) are refused rather than
 * silently dropped or turned into null, which could make two different requests look alike.
 */
const MAXIMUM_DEPTH = 64;

const isPlainObject = (value: object): boolean => {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
};

export const canonicalJson = (value: unknown, depth = 0): string => {
  if (depth > MAXIMUM_DEPTH) throw new TypeError('canonicalJson: nested too deeply');
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('canonicalJson: numbers must be finite');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((element) => canonicalJson(element, depth + 1)).join(',')}]`;
  if (typeof value === 'object' && isPlainObject(value)) {
    const members = Object.entries(value)
      // Absent and undefined are the same in JSON: a member set to undefined is not sent at all.
      .filter(([, member]) => member !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, member]) => `${JSON.stringify(key)}:${canonicalJson(member, depth + 1)}`);
    return `{${members.join(',')}}`;
  }
  throw new TypeError(`canonicalJson: a ${typeof value} is not a JSON value`);
};
