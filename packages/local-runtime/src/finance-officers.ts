import type { DocumentClient } from '@platform/dynamodb';
import { localPersonalDataVault } from '@platform/personal-data';
import { SANDBOX_PEOPLE } from '@platform/real-name';
import { FinanceOfficerRegistry } from '@platform/refunds';

/**
 * Two demo finance officers of the Beijing bureau, so that a refund requested on `npm start` can be approved by two
 * different people. They are people of the sandbox population registry with a phone at the sandbox carrier, so the
 * finance console can sign them in through the identity provider like anyone else; neither is the usual test payer
 * (张三), so nobody approves a refund of their own payment.
 */
export const DEMO_FINANCE_OFFICERS = ['孙丽', '欧阳娜娜'] as const;

export interface FinanceOfficerSeed {
  readonly documents: DocumentClient;
  readonly paymentsTable: string;
  /** The vault keys of the payments functions (`${stateDir}/keys/personal-data.json`): the same blind index. */
  readonly stateDir: string;
}

/** Grants them again on every start: idempotent (same index, same roles), the first grant's time is kept. */
export const seedFinanceOfficers = async (seed: FinanceOfficerSeed): Promise<void> => {
  const vault = await localPersonalDataVault(seed.stateDir);
  const registry = new FinanceOfficerRegistry({
    documents: seed.documents,
    tableName: seed.paymentsTable,
    officerIndex: (idNumber) => vault.blindIndex('citizen-id', idNumber),
  });
  for (const name of DEMO_FINANCE_OFFICERS) {
    const person = SANDBOX_PEOPLE.find((candidate) => candidate.name === name && candidate.phone);
    if (!person) throw new Error(`the sandbox registry has no ${name} with a phone to seed as a finance officer`);
    await registry.grant({
      idNumber: person.citizenId,
      name: person.name,
      regionCode: '110000',
      roles: ['refund_approver', 'reconciler'],
    });
  }
};
