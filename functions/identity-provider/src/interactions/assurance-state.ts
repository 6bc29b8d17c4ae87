import {
  type AssuranceLevel,
  acrOf,
  amrOf,
  type Level,
  levelOf,
  METHODS,
  type Method,
  type RealNameAccounts,
} from '@platform/real-name';

/** amr values back to the platform's methods (`pop` is how an enterprise certificate shows in `amr`). */
const methodOfAmr = (amr: string): Method | undefined =>
  amr === 'pop' ? 'enterprise_cert' : (METHODS as readonly string[]).includes(amr) ? (amr as Method) : undefined;

export const methodsOfAmr = (amr: readonly string[] | undefined): Method[] =>
  (amr ?? []).map(methodOfAmr).filter((method): method is Method => method !== undefined);

export interface AssuranceState {
  /** Methods used to sign in during this session (they become `amr`). */
  readonly sessionMethods: readonly Method[];
  /** Everything that counts: this session's methods and the account's lasting verifications. */
  readonly methods: ReadonlySet<Method>;
  readonly level: Level;
}

/** A session's level: what was done in it plus what the account has had verified before. */
export const assuranceState = async (
  accounts: RealNameAccounts,
  sub: string,
  sessionMethods: readonly Method[],
): Promise<AssuranceState> => {
  const verification = await accounts.getVerificationState(sub);
  const methods = new Set<Method>([...sessionMethods, ...(verification?.verifiedMethods ?? [])]);
  return { sessionMethods, methods, level: levelOf(methods) };
};

/** The login result for a session at this state. */
export const loginResult = (accountId: string, state: AssuranceState) => ({
  accountId,
  acr: acrOf(Math.max(1, state.level) as AssuranceLevel),
  amr: amrOf(state.sessionMethods),
  remember: true,
});
