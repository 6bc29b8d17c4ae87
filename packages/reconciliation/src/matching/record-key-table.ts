/**
 * The keys of the platform index: (group, order number, refund number) → row, as an open-addressing hash table in
 * typed arrays. A `Map` of a million order-number strings kept every string alive in the old generation (each major
 * GC walked them all) and cost about 0.7 µs an insert or lookup; here the characters are copied into one pool, the
 * record's strings die young, and a lookup is a hash over the line's characters plus one or two probes.
 *
 * Exact: a key is found only when its group and every character of both numbers are equal, never on the hash alone.
 * A group is one (channel, kind) of the index; rows are numbered 0, 1, 2… in the order they were added.
 */
const EMPTY = 0;
/** Marks the boundary between the order and refund numbers in the hash. */
const BOUNDARY = 0x1_0000;

/**
 * 32-bit FNV-1a over the group and the UTF-16 code units, then murmur3's finaliser: order numbers differ in their
 * last digits, and the finaliser spreads that into the low bits the table masks with.
 */
const start = (group: number): number => Math.imul(0x811c9dc5 ^ group, 0x01000193);
const step = (hash: number, unit: number): number => Math.imul(hash ^ unit, 0x01000193);
const finish = (hash: number): number => {
  let h = hash ^ (hash >>> 16);
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
};

/** The hash `add` and `find` place a key by, for a caller that computes a batch of them first (see `warm`). */
export const keyHash = (group: number, orderNumber: string, refundNumber: string | undefined): number => {
  let hash = start(group);
  for (let i = 0; i < orderNumber.length; i += 1) hash = step(hash, orderNumber.charCodeAt(i));
  if (refundNumber !== undefined) {
    hash = step(hash, BOUNDARY);
    for (let i = 0; i < refundNumber.length; i += 1) hash = step(hash, refundNumber.charCodeAt(i));
  }
  return finish(hash);
};

export class RecordKeyTable {
  #rows = 0;
  #rowCapacity = 1024;
  /** Per row: its group, where its characters start in the pool, the order number's length. */
  #group = new Uint16Array(this.#rowCapacity);
  /** `#keyStart[row + 1]` is where the row's characters end. */
  #keyStart = new Uint32Array(this.#rowCapacity + 1);
  #orderLength = new Uint32Array(this.#rowCapacity);
  /** Latin-1 code units while every key fits in them (order numbers are ASCII), widened once to UTF-16 otherwise. */
  #units: Uint8Array | Uint16Array = new Uint8Array(16 * 1024);
  /**
   * Slot i is the pair (hash, row + 1) at 2i and 2i + 1 (row + 1 = 0: empty), at most half full. The hash beside the
   * row rejects another key in the slot without touching that row's columns: one cache line per probe.
   */
  #slots = new Int32Array(2 * 2048);
  #mask = 2047;

  get size(): number {
    return this.#rows;
  }

  /**
   * The row of the key, or −1. `refundNumber` undefined is a key without one (a payment's); groups tell payments and
   * refunds apart, so a refund's key always has one (possibly empty).
   */
  find(
    group: number,
    orderNumber: string,
    refundNumber: string | undefined,
    hash = keyHash(group, orderNumber, refundNumber),
  ): number {
    const slots = this.#slots;
    let slot = hash & this.#mask;
    for (let entry = slots[2 * slot + 1] as number; entry !== EMPTY; entry = slots[2 * slot + 1] as number) {
      if (slots[2 * slot] === hash && this.matches(entry - 1, group, orderNumber, refundNumber)) return entry - 1;
      slot = (slot + 1) & this.#mask;
    }
    return -1;
  }

  /**
   * Adds the key as the next row and answers that row, or −1 (nothing added) when the key is already there. `hash`,
   * when given, must be `keyHash` of the same key.
   */
  add(
    group: number,
    orderNumber: string,
    refundNumber: string | undefined,
    hash = keyHash(group, orderNumber, refundNumber),
  ): number {
    if (this.#rows * 2 >= this.#mask) this.#growSlots();
    const slots = this.#slots;
    let slot = hash & this.#mask;
    for (let entry = slots[2 * slot + 1] as number; entry !== EMPTY; entry = slots[2 * slot + 1] as number) {
      if (slots[2 * slot] === hash && this.matches(entry - 1, group, orderNumber, refundNumber)) return -1;
      slot = (slot + 1) & this.#mask;
    }
    const row = this.#rows;
    if (row === this.#rowCapacity) this.#growRows();
    const from = this.#keyStart[row] as number;
    const length = orderNumber.length + (refundNumber?.length ?? 0);
    if (from + length > this.#units.length) this.#growUnits(from + length);
    let at = this.#copy(orderNumber, from);
    if (refundNumber !== undefined) at = this.#copy(refundNumber, at);
    this.#keyStart[row + 1] = at;
    this.#orderLength[row] = orderNumber.length;
    this.#group[row] = group;
    slots[2 * slot] = hash;
    slots[2 * slot + 1] = row + 1;
    this.#rows = row + 1;
    return row;
  }

  groupAt(row: number): number {
    return this.#group[row] as number;
  }

  /** The row's numbers as strings again: for the few rows that leave the index (shortages, deferred keys). */
  orderNumberAt(row: number): string {
    const from = this.#keyStart[row] as number;
    return this.#text(from, from + (this.#orderLength[row] as number));
  }

  refundNumberAt(row: number): string {
    return this.#text(
      (this.#keyStart[row] as number) + (this.#orderLength[row] as number),
      this.#keyStart[row + 1] as number,
    );
  }

  /**
   * Reads the first slot of each of `count` hashes (`keyHash`) and nothing else. A slot is a read from anywhere in a
   * table of megabytes, often a cache miss of 100 ns or more; `add` does too much work between two such reads for
   * the processor to start the next before the last one arrived, this tight loop does not, so that a batch's misses
   * overlap and the `add`s that follow find their slots cached (about 15% off loading a million records). Answers
   * the slots read, ORed: a result, so that the reads are not dropped as unused.
   */
  warm(hashes: Int32Array, count: number): number {
    const slots = this.#slots;
    const mask = this.#mask;
    let seen = 0;
    for (let i = 0; i < count; i += 1) seen |= slots[2 * ((hashes[i] as number) & mask) + 1] as number;
    return seen;
  }

  /** Whether `row` holds exactly this key: every character compared, as a hash lookup does on a hash match. */
  matches(row: number, group: number, orderNumber: string, refundNumber: string | undefined): boolean {
    if (this.#group[row] !== group) return false;
    const orderLength = this.#orderLength[row] as number;
    if (orderLength !== orderNumber.length) return false;
    const from = this.#keyStart[row] as number;
    const refundLength = (this.#keyStart[row + 1] as number) - from - orderLength;
    if (refundLength !== (refundNumber?.length ?? 0)) return false;
    const units = this.#units;
    for (let i = 0; i < orderLength; i += 1) if (units[from + i] !== orderNumber.charCodeAt(i)) return false;
    if (refundNumber !== undefined) {
      const refundFrom = from + orderLength;
      for (let i = 0; i < refundLength; i += 1) if (units[refundFrom + i] !== refundNumber.charCodeAt(i)) return false;
    }
    return true;
  }

  /**
   * Copies the text's code units to `from`. The loop only stores and ORs them: a unit above Latin-1 shows in the OR
   * at the end, and the pool is then widened to UTF-16 and the text copied again (Uint8Array stores keep the low byte
   * only), once a run at most.
   */
  #copy(text: string, from: number): number {
    const units = this.#units;
    let all = 0;
    for (let i = 0; i < text.length; i += 1) {
      const unit = text.charCodeAt(i);
      all |= unit;
      units[from + i] = unit;
    }
    if (all > 0xff && units instanceof Uint8Array) {
      this.#units = Uint16Array.from(units);
      return this.#copy(text, from);
    }
    return from + text.length;
  }

  #text(from: number, to: number): string {
    let text = '';
    for (let i = from; i < to; i += 1) text += String.fromCharCode(this.#units[i] as number);
    return text;
  }

  #growRows(): void {
    const capacity = this.#rowCapacity * 2;
    const widen = <T extends Uint16Array | Uint32Array>(old: T, next: T): T => {
      next.set(old);
      return next;
    };
    this.#group = widen(this.#group, new Uint16Array(capacity));
    this.#keyStart = widen(this.#keyStart, new Uint32Array(capacity + 1));
    this.#orderLength = widen(this.#orderLength, new Uint32Array(capacity));
    this.#rowCapacity = capacity;
  }

  #growUnits(needed: number): void {
    let length = this.#units.length * 2;
    while (length < needed) length *= 2;
    const next = this.#units instanceof Uint8Array ? new Uint8Array(length) : new Uint16Array(length);
    next.set(this.#units);
    this.#units = next;
  }

  /** Doubles the slots and places every entry again by its stored hash: no key is read. */
  #growSlots(): void {
    const old = this.#slots;
    const slots = new Int32Array(old.length * 2);
    const mask = slots.length / 2 - 1;
    for (let i = 0; i < old.length; i += 2) {
      const entry = old[i + 1] as number;
      if (entry === EMPTY) continue;
      const hash = old[i] as number;
      let slot = hash & mask;
      while (slots[2 * slot + 1] !== EMPTY) slot = (slot + 1) & mask;
      slots[2 * slot] = hash;
      slots[2 * slot + 1] = entry;
    }
    this.#slots = slots;
    this.#mask = mask;
  }
}
