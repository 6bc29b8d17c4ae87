import { insufficientScope, type TokenScheme } from './authentication-problem.ts';
import type { PaymentsScope } from './scopes.ts';

/**
 * Who is calling, from a verified access token. The department is the token's `client_id`: the registry keeps the
 * department's code (`platform_department_code`) in the client's metadata, but the token does not carry it, and a
 * client is registered for exactly one department, so the client id is the department id of its notices.
 */
export interface Caller {
  readonly departmentId: string;
  readonly scopes: ReadonlySet<string>;
  readonly scheme: TokenScheme;
}

/** 403 `insufficient_scope`, naming the scope, unless the token carries it. */
export const requireScope = (caller: Caller, scope: PaymentsScope): Caller => {
  if (!caller.scopes.has(scope)) throw insufficientScope(scope, caller.scheme);
  return caller;
};
