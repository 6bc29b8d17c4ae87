import { RegistrationError } from './registration-error.ts';

/** Small typed readers over parsed JSON; each failure names the field it is about. */
export type JsonObject = Readonly<Record<string, unknown>>;

export const isJsonObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const optionalString = (input: JsonObject, field: string, maxLength = 200): string | undefined => {
  const value = input[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim().length === 0)
    throw new RegistrationError('invalid_value', 'must be a non-empty string', field);
  if (value.length > maxLength)
    throw new RegistrationError('invalid_value', `must be at most ${maxLength} characters`, field);
  return value;
};

export const requiredString = (input: JsonObject, field: string, maxLength = 200): string => {
  const value = optionalString(input, field, maxLength);
  if (value === undefined) throw new RegistrationError('missing_field', 'is required', field);
  return value;
};

export const optionalStringArray = (input: JsonObject, field: string, maxItems: number): string[] | undefined => {
  const value = input[field];
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw new RegistrationError('invalid_value', 'must be an array of strings', field);
  if (value.length > maxItems) throw new RegistrationError('invalid_value', `at most ${maxItems} entries`, field);
  for (const [index, item] of value.entries())
    if (typeof item !== 'string')
      throw new RegistrationError('invalid_value', 'must be a string', `${field}[${index}]`);
  return [...new Set(value as string[])];
};

export const oneOf = <T extends string>(input: JsonObject, field: string, allowed: readonly T[], fallback: T): T => {
  const value = input[field] ?? fallback;
  if (!allowed.includes(value as T))
    throw new RegistrationError('invalid_value', `must be ${allowed.map((a) => `"${a}"`).join(' or ')}`, field);
  return value as T;
};
