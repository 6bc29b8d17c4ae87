/** A clock that moves only when told, for adapters that take `now` (epoch milliseconds). */
export class ManualClock {
  #nowMs: number;

  /** Starts on a whole second (by default the current one) so that second boundaries fall where tests expect. */
  constructor(startMs: number = Date.now()) {
    this.#nowMs = Math.floor(startMs / 1000) * 1000;
  }

  readonly now = (): number => this.#nowMs;

  advance(seconds: number): void {
    this.#nowMs += seconds * 1000;
  }
}
