/**
 * Progress on stderr: a bar redrawn in place on a terminal, plain lines otherwise (CI logs, pipes), so that a log
 * file never fills with carriage returns.
 */
export interface ProgressStream {
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

const WIDTH = 28;
const PLAIN_EVERY_LINES = 100_000;

export class ProgressBar {
  readonly #out: ProgressStream;
  readonly #tty: boolean;
  #label = '';
  #lastPlainLines = 0;
  #drawn = false;

  constructor(out: ProgressStream) {
    this.#out = out;
    this.#tty = out.isTTY === true;
  }

  start(label: string): void {
    this.#label = label;
    this.#lastPlainLines = 0;
    if (!this.#tty) this.#out.write(`${label}: started\n`);
  }

  update(done: number, total: number, lines: number, phase: string): void {
    if (this.#tty) {
      const ratio = total > 0 ? Math.min(1, done / total) : 0;
      const filled = Math.round(ratio * WIDTH);
      this.#out.write(
        `\r${this.#label} [${'█'.repeat(filled)}${'░'.repeat(WIDTH - filled)}] ${String(Math.round(ratio * 100)).padStart(3)}% ${lines.toLocaleString('en-US')} lines ${phase}\u001b[K`,
      );
      this.#drawn = true;
    } else if (lines - this.#lastPlainLines >= PLAIN_EVERY_LINES) {
      this.#lastPlainLines = lines;
      this.#out.write(`${this.#label}: ${lines} lines read (${phase})\n`);
    }
  }

  finish(outcome: string): void {
    if (this.#tty && this.#drawn) this.#out.write('\r\u001b[K');
    this.#drawn = false;
    this.#out.write(`${this.#label}: ${outcome}\n`);
  }
}
