import { type CitizenId, generateCitizenId } from '@platform/identifiers';

/**
 * The people the sandbox registry and sandbox carrier know. Their numbers are built by `generateCitizenId` from fixed
 * parts, so they are valid and stable, and no real person's number is in the repository; the README lists them.
 */
export interface SandboxPerson {
  readonly name: string;
  readonly citizenId: CitizenId;
  /** The mobile number registered to them at a carrier, if any. */
  readonly phone?: string;
  readonly note: string;
}

const person = (
  name: string,
  parts: { region: string; birthDate: string; sequence: number },
  phone: string | undefined,
  note: string,
): SandboxPerson => ({ name, citizenId: generateCitizenId(parts), ...(phone ? { phone } : {}), note });

export const SANDBOX_PEOPLE: readonly SandboxPerson[] = [
  person('张三', { region: '110105', birthDate: '1990-03-07', sequence: 11 }, '13800000001', 'Beijing; the usual test'),
  person('李四', { region: '310104', birthDate: '1985-06-15', sequence: 23 }, '13800000002', 'Shanghai'),
  person('王五', { region: '440305', birthDate: '1978-11-30', sequence: 35 }, '13800000003', 'check character X'),
  person('孙丽', { region: '330106', birthDate: '2001-02-28', sequence: 48 }, '13800000004', 'female'),
  person('欧阳娜娜', { region: '510107', birthDate: '1995-09-09', sequence: 62 }, '13800000005', 'compound surname'),
  person(
    '阿依古丽·买买提',
    { region: '650102', birthDate: '1988-12-01', sequence: 74 },
    undefined,
    'no phone at any carrier',
  ),
];

/** Magic values: numbers and phones that make the sandboxes misbehave on purpose, whatever the name. */
export const SANDBOX_MAGIC = {
  /** The registry throws `RegistryUnavailableError`. */
  registryUnavailableCitizenId: generateCitizenId({ region: '110101', birthDate: '1970-01-01', sequence: 1 }),
  /** The registry answers `match` for the name 周慢, after `slowMs`. */
  registrySlowCitizenId: generateCitizenId({ region: '110101', birthDate: '1970-01-01', sequence: 2 }),
  registrySlowName: '周慢',
  /** The carrier throws `CarrierUnavailableError`. */
  carrierUnavailablePhone: '13800009999',
  /** The carrier answers as for any other number (`not_found`, unless seeded), after `slowMs`. */
  carrierSlowPhone: '13800009998',
} as const;

/** Default delay of the "slow" magic values: longer than the HTTP adapters' default timeout of 3 s. */
export const SANDBOX_SLOW_MS = 5_000;
