import { checkJwks } from './client-keys.ts';
import { checkClientUri, ENDPOINT_URI_CODES, REDIRECT_URI_CODES } from './client-uri.ts';
import {
  isJsonObject,
  type JsonObject,
  oneOf,
  optionalString,
  optionalStringArray,
  requiredString,
} from './field-readers.ts';
import { isKnownScope, isPaymentsScope, KNOWN_SCOPES, PAYMENTS_SCOPES } from './known-scopes.ts';
import type {
  DepartmentClientRegistration,
  LocalizedName,
  PortalClientRegistration,
  PortalRegistration,
  PublicJwks,
  TokenEndpointAuthMethod,
} from './portal.ts';
import { RegistrationError } from './registration-error.ts';

/** Lower-case letters, digits and hyphens, 3 to 63 characters, starting with a letter: safe in URLs and keys. */
export const CLIENT_ID_PATTERN = /^[a-z][a-z0-9-]{2,62}$/;

/**
 * `<region>-<code>`: the 6-digit administrative division code (GB/T 2260) of the department's government, then its
 * own code of 2 to 16 upper-case letters or digits. `330100-SCJGJ`: Hangzhou's market supervision bureau.
 */
export const DEPARTMENT_CODE_PATTERN = /^[1-8]\d{5}-[A-Z0-9]{2,16}$/;

const MIN_EXCEPTION_REASON = 10;
const MAX_URIS = 20;

const COMMON_FIELDS = [
  'kind',
  'clientId',
  'name',
  'allowedScopes',
  'tokenEndpointAuthMethod',
  'jwks',
  'jwksUri',
  'exceptionReason',
];
const PORTAL_ONLY_FIELDS = [
  'firstParty',
  'redirectUris',
  'postLogoutRedirectUris',
  'backchannelLogoutUri',
  'subjectType',
  'sectorIdentifier',
  'idTokenSignedResponseAlg',
];
const DEPARTMENT_ONLY_FIELDS = ['departmentCode'];

const checkFieldNames = (input: JsonObject, kind: PortalRegistration['kind']): void => {
  const own = new Set([...COMMON_FIELDS, ...(kind === 'portal' ? PORTAL_ONLY_FIELDS : DEPARTMENT_ONLY_FIELDS)]);
  const other = new Set(kind === 'portal' ? DEPARTMENT_ONLY_FIELDS : PORTAL_ONLY_FIELDS);
  for (const field of Object.keys(input)) {
    if (own.has(field)) continue;
    if (other.has(field))
      throw new RegistrationError(
        'not_applicable',
        kind === 'department'
          ? 'does not apply to a department (client credentials only: no users, no redirects)'
          : 'applies only to departments',
        field,
      );
    throw new RegistrationError('unknown_field', `is not a registration field (known: ${[...own].join(', ')})`, field);
  }
};

const readClientId = (input: JsonObject): string => {
  const value = input.clientId;
  if (value === undefined) throw new RegistrationError('missing_field', 'is required', 'clientId');
  if (typeof value !== 'string' || !CLIENT_ID_PATTERN.test(value))
    throw new RegistrationError(
      'invalid_client_id',
      'must be 3 to 63 lower-case letters, digits or hyphens, starting with a letter',
      'clientId',
    );
  return value;
};

const readName = (input: JsonObject): LocalizedName => {
  const value = input.name;
  if (value === undefined) throw new RegistrationError('missing_field', 'is required', 'name');
  if (!isJsonObject(value)) throw new RegistrationError('invalid_name', 'must be { "zh-CN": "…", "en": "…" }', 'name');
  for (const key of Object.keys(value))
    if (key !== 'zh-CN' && key !== 'en')
      throw new RegistrationError('invalid_name', 'only "zh-CN" and "en" names are kept', `name.${key}`);
  const read = (language: 'zh-CN' | 'en'): string => {
    const text = value[language];
    if (typeof text !== 'string' || text.trim().length === 0)
      throw new RegistrationError('invalid_name', 'is required and must not be blank', `name.${language}`);
    if (text.length > 100 || /\p{Cc}/u.test(text))
      throw new RegistrationError('invalid_name', 'must be one line of at most 100 characters', `name.${language}`);
    return text.trim();
  };
  return { 'zh-CN': read('zh-CN'), en: read('en') };
};

const readScopes = (input: JsonObject, kind: PortalRegistration['kind']): string[] => {
  const scopes = optionalStringArray(input, 'allowedScopes', 50);
  if (!scopes || scopes.length === 0)
    throw new RegistrationError('missing_field', 'name at least one scope', 'allowedScopes');
  const unknown = scopes.find((scope) => !isKnownScope(scope));
  if (unknown !== undefined)
    throw new RegistrationError(
      'unknown_scope',
      `unknown scope "${unknown}" (known: ${KNOWN_SCOPES.join(', ')})`,
      'allowedScopes',
    );
  if (kind === 'department') {
    const outside = scopes.find((scope) => !isPaymentsScope(scope));
    if (outside !== undefined)
      throw new RegistrationError(
        'scope_not_allowed',
        `a department may hold only payments scopes (${PAYMENTS_SCOPES.join(', ')}), not "${outside}"`,
        'allowedScopes',
      );
  } else if (!scopes.includes('openid')) {
    throw new RegistrationError(
      'missing_scope',
      'a portal signs users in and needs the "openid" scope',
      'allowedScopes',
    );
  }
  // The provider's order, not the file's: stable output and readable change logs.
  return KNOWN_SCOPES.filter((scope) => scopes.includes(scope));
};

interface Authentication {
  readonly tokenEndpointAuthMethod: TokenEndpointAuthMethod;
  readonly jwks?: PublicJwks;
  readonly jwksUri?: string;
  readonly exceptionReason?: string;
}

const readAuthentication = async (input: JsonObject): Promise<Authentication> => {
  const method = oneOf(
    input,
    'tokenEndpointAuthMethod',
    ['private_key_jwt', 'client_secret_basic'] as const,
    'private_key_jwt',
  );
  if (input.jwks !== undefined && input.jwksUri !== undefined)
    throw new RegistrationError(
      'conflicting_client_keys',
      'give jwks or jwksUri, not both (in an update, set the other one to null)',
      'jwksUri',
    );
  const jwks = input.jwks === undefined ? undefined : await checkJwks(input.jwks);
  const jwksUri =
    input.jwksUri === undefined ? undefined : checkClientUri(input.jwksUri, 'jwksUri', ENDPOINT_URI_CODES);
  const exceptionReason = optionalString(input, 'exceptionReason', 500);
  if (method === 'private_key_jwt') {
    if (!jwks && !jwksUri)
      throw new RegistrationError(
        'missing_client_keys',
        "private_key_jwt needs the client's public keys: give jwks (inline public JWKS) or jwksUri",
        'jwks',
      );
    if (exceptionReason !== undefined)
      throw new RegistrationError('not_applicable', 'applies only to client_secret_basic', 'exceptionReason');
  } else if (exceptionReason === undefined || exceptionReason.trim().length < MIN_EXCEPTION_REASON) {
    throw new RegistrationError(
      'missing_exception_reason',
      `client_secret_basic is an exception to private_key_jwt: say why in exceptionReason (at least ${MIN_EXCEPTION_REASON} characters)`,
      'exceptionReason',
    );
  }
  return {
    tokenEndpointAuthMethod: method,
    ...(jwks ? { jwks } : {}),
    ...(jwksUri ? { jwksUri } : {}),
    ...(exceptionReason ? { exceptionReason: exceptionReason.trim() } : {}),
  };
};

const readUris = (input: JsonObject, field: string): string[] =>
  (optionalStringArray(input, field, MAX_URIS) ?? []).map((uri, index) =>
    checkClientUri(uri, `${field}[${index}]`, REDIRECT_URI_CODES),
  );

/**
 * Pairwise `sub` values are derived from a sector: the one host of the portal's redirect URIs. Portals spread over
 * several hosts would need a `sector_identifier_uri` the provider fetches; the registry does not offer that.
 */
const readSector = (input: JsonObject, redirectUris: readonly string[], pairwise: boolean): string | undefined => {
  const given = optionalString(input, 'sectorIdentifier', 253);
  if (!pairwise) {
    if (given !== undefined)
      throw new RegistrationError('not_applicable', 'applies only to subjectType "pairwise"', 'sectorIdentifier');
    return undefined;
  }
  const hosts = [...new Set(redirectUris.map((uri) => new URL(uri).host))];
  const [host] = hosts;
  if (hosts.length !== 1 || host === undefined)
    throw new RegistrationError(
      'pairwise_multiple_hosts',
      `a pairwise portal must have all its redirect URIs on one host, its sector (found ${hosts.join(', ')}); register one portal per host`,
      'redirectUris',
    );
  if (given !== undefined && given !== host)
    throw new RegistrationError(
      'invalid_sector_identifier',
      `must be the host of the redirect URIs, "${host}" (got "${given}")`,
      'sectorIdentifier',
    );
  return host;
};

const readPortal = async (input: JsonObject, clientId: string): Promise<PortalClientRegistration> => {
  const name = readName(input);
  if (input.firstParty === undefined)
    throw new RegistrationError('missing_field', 'say whether the platform itself runs this portal', 'firstParty');
  if (typeof input.firstParty !== 'boolean')
    throw new RegistrationError('invalid_value', 'must be true or false', 'firstParty');
  if (input.redirectUris === undefined || (Array.isArray(input.redirectUris) && input.redirectUris.length === 0))
    throw new RegistrationError('missing_field', 'a portal needs at least one redirect URI', 'redirectUris');
  const redirectUris = readUris(input, 'redirectUris');
  const postLogoutRedirectUris = readUris(input, 'postLogoutRedirectUris');
  const backchannelLogoutUri =
    input.backchannelLogoutUri === undefined
      ? undefined
      : checkClientUri(input.backchannelLogoutUri, 'backchannelLogoutUri', REDIRECT_URI_CODES);
  const subjectType = oneOf(input, 'subjectType', ['public', 'pairwise'] as const, 'public');
  const sectorIdentifier = readSector(input, redirectUris, subjectType === 'pairwise');
  const allowedScopes = readScopes(input, 'portal') as PortalClientRegistration['allowedScopes'];
  const authentication = await readAuthentication(input);
  const idTokenSignedResponseAlg = oneOf(input, 'idTokenSignedResponseAlg', ['ES256', 'RS256'] as const, 'ES256');
  return {
    kind: 'portal',
    clientId,
    name,
    firstParty: input.firstParty,
    redirectUris,
    postLogoutRedirectUris,
    ...(backchannelLogoutUri ? { backchannelLogoutUri } : {}),
    subjectType,
    ...(sectorIdentifier ? { sectorIdentifier } : {}),
    allowedScopes,
    ...authentication,
    idTokenSignedResponseAlg,
  };
};

const readDepartment = async (input: JsonObject, clientId: string): Promise<DepartmentClientRegistration> => {
  const name = readName(input);
  const departmentCode = requiredString(input, 'departmentCode', 30);
  if (!DEPARTMENT_CODE_PATTERN.test(departmentCode))
    throw new RegistrationError(
      'invalid_department_code',
      'must be a 6-digit administrative division code, a hyphen and 2 to 16 upper-case letters or digits, e.g. 330100-SCJGJ',
      'departmentCode',
    );
  const allowedScopes = readScopes(input, 'department') as DepartmentClientRegistration['allowedScopes'];
  return { kind: 'department', clientId, name, departmentCode, allowedScopes, ...(await readAuthentication(input)) };
};

/**
 * Checks a registration as an operator wrote it (parsed JSON) and returns it with every default filled in, or
 * throws the first `RegistrationError` found. Pure apart from key import; nothing is stored here.
 */
export const validateRegistration = async (input: unknown): Promise<PortalRegistration> => {
  if (!isJsonObject(input)) throw new RegistrationError('invalid_input', 'a registration must be a JSON object');
  const clientId = readClientId(input);
  const { kind } = input;
  if (kind !== 'portal' && kind !== 'department')
    throw new RegistrationError('invalid_kind', 'must be "portal" or "department"', 'kind');
  checkFieldNames(input, kind);
  return kind === 'portal' ? readPortal(input, clientId) : readDepartment(input, clientId);
};
