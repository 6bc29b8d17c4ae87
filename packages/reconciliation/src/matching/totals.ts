export const OUTCOME_CLASSES = ['matched', 'overage', 'shortage', 'amount_mismatch', 'status_mismatch'] as const;
export type OutcomeClass = (typeof OUTCOME_CLASSES)[number];

/**
 * Money per class, in fen, signed: payments count positive and refunds negative, so a total is what moved in.
 * `statementFen` is the channel's side (0 for shortages), `platformFen` the platform's (0 for overages without a
 * record), `feeFen` the channel's fees.
 */
export interface ClassTotals {
  count: number;
  statementFen: number;
  platformFen: number;
  feeFen: number;
}

export type Totals = Record<OutcomeClass, ClassTotals>;

export interface TotalsBreakdown {
  readonly all: Totals;
  readonly byChannel: Readonly<Record<string, Totals>>;
  readonly byDepartment: Readonly<Record<string, Totals>>;
  readonly byItemCode: Readonly<Record<string, Totals>>;
}

/** Department and item code of a line no platform record explains. */
export const UNKNOWN = '(unknown)';

const emptyTotals = (): Totals =>
  Object.fromEntries(
    OUTCOME_CLASSES.map((name) => [name, { count: 0, statementFen: 0, platformFen: 0, feeFen: 0 }]),
  ) as unknown as Totals;

const sorted = (map: Map<string, Totals>): Record<string, Totals> =>
  Object.fromEntries([...map.keys()].sort().map((key) => [key, map.get(key) as Totals]));

export class TotalsTally {
  private readonly all = emptyTotals();
  private readonly byChannel = new Map<string, Totals>();
  private readonly byDepartment = new Map<string, Totals>();
  private readonly byItemCode = new Map<string, Totals>();

  add(
    outcome: OutcomeClass,
    where: { readonly channel: string; readonly departmentId: string; readonly itemCode: string },
    money: { readonly statementFen: number; readonly platformFen: number; readonly feeFen: number },
  ): void {
    for (const totals of [
      this.all,
      this.bucket(this.byChannel, where.channel),
      this.bucket(this.byDepartment, where.departmentId),
      this.bucket(this.byItemCode, where.itemCode),
    ]) {
      const entry = totals[outcome];
      entry.count += 1;
      entry.statementFen += money.statementFen;
      entry.platformFen += money.platformFen;
      entry.feeFen += money.feeFen;
    }
  }

  result(): TotalsBreakdown {
    return {
      all: this.all,
      byChannel: sorted(this.byChannel),
      byDepartment: sorted(this.byDepartment),
      byItemCode: sorted(this.byItemCode),
    };
  }

  private bucket(map: Map<string, Totals>, key: string): Totals {
    let totals = map.get(key);
    if (totals === undefined) {
      totals = emptyTotals();
      map.set(key, totals);
    }
    return totals;
  }
}
