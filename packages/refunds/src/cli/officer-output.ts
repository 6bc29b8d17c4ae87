import type { FinanceOfficer } from '../finance-officer.ts';

/** One line per officer, masked only: what an operator needs to tell them apart, nothing in clear. */
export const officerLine = (officer: FinanceOfficer): string =>
  [
    officer.maskedName,
    officer.maskedIdNumber,
    `region ${officer.regionCode}`,
    `roles ${officer.roles.join(',')}`,
    officer.status,
    `index ${officer.officerIndex.slice(0, 12)}…`,
  ].join('  ');
