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

/** The figures of `ClassTotals`, in its order: where each sits among a class's sums. */
const FIGURES = [
  'count',
  'statementFen',
  'platformFen',
  'feeFen',
  'refundCount',
  'refundStatementFen',
  'refundPlatformFen',
  'refundFeeFen',
] as const satisfies readonly (keyof ClassTotals)[];
const CLASS_SUMS = FIGURES.length;
const BUCKET_SUMS = OUTCOME_CLASSES.length * CLASS_SUMS;

/** The class's number: its place in `OUTCOME_CLASSES`, as `TotalsTally.addLine` takes it. */
export const classNumber = (name: OutcomeClass): number => OUTCOME_CLASSES.indexOf(name);

/** A bucket's sums as `Totals`: fen sums are integers, exact in a double, so the order they were added in is lost. */
const totalsOf = (sums: Float64Array, bucket: number): Totals => {
  const totals: Record<string, ClassTotals> = {};
  OUTCOME_CLASSES.forEach((name, outcome) => {
    const at = bucket * BUCKET_SUMS + outcome * CLASS_SUMS;
    totals[name] = Object.fromEntries(
      FIGURES.map((figure, i) => [figure, sums[at + i] as number]),
    ) as unknown as ClassTotals;
  });
  return totals as Totals;
};

/**
 * Totals of a run while it runs: the whole run, and per channel, department and item code. Each of those is a bucket
 * of sums in one `Float64Array` (bucket, class, figure), turned into `Totals` objects once at the end. Adding a line is
 * a few additions at computed offsets: adding to four objects a line, each picked by the class's name, cost more than
 * the rest of the join.
 */
export class TotalsTally {
  #sums = new Float64Array(64 * BUCKET_SUMS);
  /** Bucket 0 is the whole run. */
  #buckets = 1;
  readonly #byChannel = new Map<string, number>();
  readonly #byDepartment = new Map<string, number>();
  readonly #byItemCode = new Map<string, number>();

  add(
    outcome: OutcomeClass,
    where: { readonly channel: string; readonly departmentId: string; readonly itemCode: string },
    money: { readonly statementFen: number; readonly platformFen: number; readonly feeFen: number },
    kind: 'payment' | 'refund' = 'payment',
  ): void {
    this.addLine(
      classNumber(outcome),
      this.channelBucket(where.channel),
      this.departmentBucket(where.departmentId),
      this.itemCodeBucket(where.itemCode),
      money.statementFen,
      money.platformFen,
      money.feeFen,
      kind === 'refund',
    );
  }

  /**
   * Adds a line (or record) of class number `outcome` (`classNumber`) to the whole run and to the buckets of its
   * channel, department and item code: a caller that keeps their bucket numbers looks each name up once a run.
   */
  addLine(
    outcome: number,
    channel: number,
    department: number,
    item: number,
    statementFen: number,
    platformFen: number,
    feeFen: number,
    refund: boolean,
  ): void {
    const at = outcome * CLASS_SUMS;
    this.#addAt(at, statementFen, platformFen, feeFen, refund);
    this.#addAt(channel * BUCKET_SUMS + at, statementFen, platformFen, feeFen, refund);
    this.#addAt(department * BUCKET_SUMS + at, statementFen, platformFen, feeFen, refund);
    this.#addAt(item * BUCKET_SUMS + at, statementFen, platformFen, feeFen, refund);
  }

  // A statement is one channel: its bucket is kept at hand.
  #lastChannel: string | undefined;
  #lastChannelBucket = 0;

  /** The channel's bucket, created (all zero) on first use. */
  channelBucket(channel: string): number {
    if (channel !== this.#lastChannel) {
      this.#lastChannelBucket = this.#bucket(this.#byChannel, channel);
      this.#lastChannel = channel;
    }
    return this.#lastChannelBucket;
  }

  departmentBucket(departmentId: string): number {
    return this.#bucket(this.#byDepartment, departmentId);
  }

  itemCodeBucket(itemCode: string): number {
    return this.#bucket(this.#byItemCode, itemCode);
  }

  result(): TotalsBreakdown {
    const sorted = (buckets: Map<string, number>): Record<string, Totals> =>
      Object.fromEntries(
        [...buckets.keys()].sort().map((key) => [key, totalsOf(this.#sums, buckets.get(key) as number)]),
      );
    return {
      all: totalsOf(this.#sums, 0),
      byChannel: sorted(this.#byChannel),
      byDepartment: sorted(this.#byDepartment),
      byItemCode: sorted(this.#byItemCode),
    };
  }

  #addAt(at: number, statementFen: number, platformFen: number, feeFen: number, refund: boolean): void {
    const sums = this.#sums;
    sums[at] = (sums[at] as number) + 1;
    sums[at + 1] = (sums[at + 1] as number) + statementFen;
    sums[at + 2] = (sums[at + 2] as number) + platformFen;
    sums[at + 3] = (sums[at + 3] as number) + feeFen;
    if (refund) {
      sums[at + 4] = (sums[at + 4] as number) + 1;
      sums[at + 5] = (sums[at + 5] as number) + statementFen;
      sums[at + 6] = (sums[at + 6] as number) + platformFen;
      sums[at + 7] = (sums[at + 7] as number) + feeFen;
    }
  }

  #bucket(buckets: Map<string, number>, key: string): number {
    let bucket = buckets.get(key);
    if (bucket === undefined) {
      bucket = this.#buckets;
      this.#buckets += 1;
      if (bucket * BUCKET_SUMS === this.#sums.length) {
        const wider = new Float64Array(this.#sums.length * 2);
        wider.set(this.#sums);
        this.#sums = wider;
      }
      buckets.set(key, bucket);
    }
    return bucket;
  }
}
