/**
 * The assurance ladder: which sets of verified methods reach which level, as data. The README explains why each rung
 * is where it is; this file is the one place the rule lives, so that the provider's `acr`, its step-up page and the
 * tests all read the same table.
 */

/** The ways a person proves who they are (authenticators) or has their identity checked (verifications). */
export const METHODS = ['sms', 'id_name', 'carrier_3f', 'alipay', 'wechat', 'enterprise_cert'] as const;
export type Method = (typeof METHODS)[number];

export const isMethod = (value: unknown): value is Method => METHODS.includes(value as Method);

/** Methods one signs in with. A level needs one: identity evidence with nobody at the keyboard proves nothing. */
export const AUTHENTICATORS: ReadonlySet<Method> = new Set(['sms', 'alipay', 'wechat', 'enterprise_cert']);

/** 0 is "no level at all" (nothing an `acr` can name); 1–4 are the rungs. */
export type Level = 0 | 1 | 2 | 3 | 4;
export type AssuranceLevel = Exclude<Level, 0>;

export const ACR = {
  1: 'urn:platform:loa:1',
  2: 'urn:platform:loa:2',
  3: 'urn:platform:loa:3',
  4: 'urn:platform:loa:4',
} as const satisfies Record<AssuranceLevel, string>;
export type Acr = (typeof ACR)[AssuranceLevel];

/** Lowest first: the order a provider lists in `acr_values_supported`. */
export const ACR_VALUES: readonly Acr[] = [ACR[1], ACR[2], ACR[3], ACR[4]];

/**
 * For each level, the minimal sets of methods that reach it; a set of methods is at the highest level one of whose
 * sets it contains. Every set listed for a level also contains a set of the level below, so the ladder is monotone:
 * adding a method never lowers a level (tested over all 64 sets).
 */
export const LADDER: Readonly<Record<AssuranceLevel, readonly (readonly Method[])[]>> = {
  1: [['sms'], ['alipay'], ['wechat'], ['enterprise_cert']],
  2: [['sms', 'id_name'], ['sms', 'carrier_3f'], ['alipay'], ['wechat'], ['enterprise_cert']],
  3: [
    ['sms', 'carrier_3f'],
    ['id_name', 'alipay'],
    ['id_name', 'wechat'],
    ['carrier_3f', 'alipay'],
    ['carrier_3f', 'wechat'],
    ['alipay', 'wechat'],
    ['enterprise_cert'],
  ],
  4: [['enterprise_cert'], ['sms', 'carrier_3f', 'alipay'], ['sms', 'carrier_3f', 'wechat']],
};

const LEVELS_HIGHEST_FIRST: readonly AssuranceLevel[] = [4, 3, 2, 1];

export const levelOf = (methods: Iterable<Method>): Level => {
  const held = new Set(methods);
  for (const level of LEVELS_HIGHEST_FIRST) {
    if (LADDER[level].some((combination) => combination.every((method) => held.has(method)))) return level;
  }
  return 0;
};

export const acrOf = (level: AssuranceLevel): Acr => ACR[level];

/** The level an `acr` value names, `undefined` for a value not on this ladder (another provider's, a typo). */
export const levelOfAcr = (acr: unknown): AssuranceLevel | undefined => {
  const index = ACR_VALUES.indexOf(acr as Acr);
  return index === -1 ? undefined : ((index + 1) as AssuranceLevel);
};

/**
 * `amr` values (RFC 8176) for methods used. Registered values where one means the same thing: `sms` is "confirmation
 * by SMS to a phone number"; an enterprise certificate is `pop`, proof of possession of a key — not `hwk`, because a
 * signature over our challenge does not tell us whether the key sits in a USB token or in a file. The others have no
 * registered equivalent (RFC 8176 allows values the parties agree on) and keep their method names, which no
 * registered value uses.
 */
export const AMR: Readonly<Record<Method, string>> = {
  sms: 'sms',
  id_name: 'id_name',
  carrier_3f: 'carrier_3f',
  alipay: 'alipay',
  wechat: 'wechat',
  enterprise_cert: 'pop',
};

/** In ladder order, each value once. */
export const amrOf = (methods: Iterable<Method>): string[] => {
  const held = new Set(methods);
  return [...new Set(METHODS.filter((method) => held.has(method)).map((method) => AMR[method]))];
};

/**
 * The ways to reach `target` from `current`: every minimal set of methods to add (no option contains another), fewest
 * methods first, then in `METHODS` order. `[[]]` when `current` already reaches `target`; `[]` when nothing among
 * `available` can (for example a citizen and a level only an enterprise certificate reaches). `available` is what
 * this deployment and this kind of subject offer; default every method.
 */
export const missingMethodsFor = (
  current: Iterable<Method>,
  target: AssuranceLevel,
  available: Iterable<Method> = METHODS,
): Method[][] => {
  const held = new Set(current);
  const offered = new Set(available);
  const candidates = METHODS.filter((method) => offered.has(method) && !held.has(method));
  const reaching: Method[][] = [];
  for (let mask = 0; mask < 1 << candidates.length; mask += 1) {
    const added = candidates.filter((_, bit) => mask & (1 << bit));
    if (levelOf([...held, ...added]) >= target) reaching.push(added);
  }
  const minimal = reaching.filter(
    (option) => !reaching.some((other) => other.length < option.length && other.every((m) => option.includes(m))),
  );
  const rank = (option: readonly Method[]) => option.map((method) => METHODS.indexOf(method));
  return minimal.sort((a, b) => a.length - b.length || compareRanks(rank(a), rank(b)));
};

const compareRanks = (a: readonly number[], b: readonly number[]): number => {
  for (let i = 0; i < a.length; i += 1) {
    const difference = (a[i] ?? 0) - (b[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
};
