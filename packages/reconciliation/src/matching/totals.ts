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
  /**
   * The refund part of the four figures above (refund money negative, refund fees returned negative), so that
   * reports can say collected (payments) and refunded apart: payments = total − refund part.
   */
  refundCount: number;
  refundStatementFen: number;
  refundPlatformFen: number;
  refundFeeFen: number;
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
    OUTCOME_CLASSES.map((name) => [
      name,
      {
        count: 0,
        statementFen: 0,
        platformFen: 0,
        feeFen: 0,
        refundCount: 0,
        refundStatementFen: 0,
        refundPlatformFen: 0,
        refundFeeFen: 0,
      },
    ]),
  ) as unknown as Totals;

const sorted = (map: Map<string, Totals>): Record<string, Totals> =>
  Object.fromEntries([...map.keys()].sort().map((key) => [key, map.get(key) as Totals]));

const addTo = (entry: ClassTotals, statementFen: number, platformFen: number, feeFen: number, refund: boolean) => {
  entry.count += 1;
  entry.statementFen += statementFen;
  entry.platformFen += platformFen;
  entry.feeFen += feeFen;
  if (refund) {
    entry.refundCount += 1;
    entry.refundStatementFen += statementFen;
    entry.refundPlatformFen += platformFen;
    entry.refundFeeFen += feeFen;
  }
};

export class TotalsTally {
  private readonly all = emptyTotals();
  private readonly byChannel = new Map<string, Totals>();
  private readonly byDepartment = new Map<string, Totals>();
  private readonly byItemCode = new Map<string, Totals>();

  add(
    outcome: OutcomeClass,
    where: { readonly channel: string; readonly departmentId: string; readonly itemCode: string },
    money: { readonly statementFen: number; readonly platformFen: number; readonly feeFen: number },
    kind: 'payment' | 'refund' = 'payment',
  ): void {
    this.addLine(
      outcome,
      where.channel,
      where.departmentId,
      where.itemCode,
      money.statementFen,
      money.platformFen,
      money.feeFen,
      kind,
    );
  }

  /** `add` without the two argument objects: called once per statement line. */
  addLine(
    outcome: OutcomeClass,
    channel: string,
    departmentId: string,
    itemCode: string,
    statementFen: number,
    platformFen: number,
    feeFen: number,
    kind: 'payment' | 'refund',
  ): void {
    const refund = kind === 'refund';
    addTo(this.all[outcome], statementFen, platformFen, feeFen, refund);
    addTo(this.bucket(this.byChannel, channel)[outcome], statementFen, platformFen, feeFen, refund);
    addTo(this.bucket(this.byDepartment, departmentId)[outcome], statementFen, platformFen, feeFen, refund);
    addTo(this.bucket(this.byItemCode, itemCode)[outcome], statementFen, platformFen, feeFen, refund);
  }

  /**
   * `addLine` with the department's and item code's totals already in hand (from `departmentTotals` and
   * `itemCodeTotals`): a caller that numbers its departments and item codes looks each one up once, not once a line.
   */
  addLineTo(
    outcome: OutcomeClass,
    channel: string,
    department: Totals,
    item: Totals,
    statementFen: number,
    platformFen: number,
    feeFen: number,
    kind: 'payment' | 'refund',
  ): void {
    const refund = kind === 'refund';
    addTo(this.all[outcome], statementFen, platformFen, feeFen, refund);
    addTo(this.#channelTotals(channel)[outcome], statementFen, platformFen, feeFen, refund);
    addTo(department[outcome], statementFen, platformFen, feeFen, refund);
    addTo(item[outcome], statementFen, platformFen, feeFen, refund);
  }

  /** The department's totals, created (all zero) on first use; `addLineTo` adds to them. */
  departmentTotals(departmentId: string): Totals {
    return this.bucket(this.byDepartment, departmentId);
  }

  itemCodeTotals(itemCode: string): Totals {
    return this.bucket(this.byItemCode, itemCode);
  }

  // A statement is one channel: its totals are kept at hand.
  #lastChannel: string | undefined;
  #lastChannelTotals: Totals | undefined;

  #channelTotals(channel: string): Totals {
    if (channel !== this.#lastChannel || this.#lastChannelTotals === undefined) {
      this.#lastChannelTotals = this.bucket(this.byChannel, channel);
      this.#lastChannel = channel;
    }
    return this.#lastChannelTotals;
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
