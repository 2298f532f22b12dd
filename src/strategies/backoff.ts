import type { Random } from '../engine/random.ts';
import type { BackoffTuning } from './tuning.ts';

/** The first wait of a reconnect when no base is given: one second. */
export const RECONNECT_BASE_MS = 1_000;

/**
 * Exponential backoff: each wait doubles from the base up to the cap, spread by one of the
 * usual jitters. Without jitter, clients that fail together retry together, wave after wave;
 * `full` draws the wait uniformly below the doubled value, `equal` keeps half of it and draws
 * the other half, and `decorrelated` draws between the base and three times the last wait.
 */
export class Backoff {
  private attempt = 0;
  private previous: number;
  private readonly baseMs: number;

  /** `fallbackBaseMs` is the first wait when the tuning gives none. */
  constructor(
    private readonly tuning: BackoffTuning,
    private readonly random: Random,
    fallbackBaseMs: number,
  ) {
    this.baseMs = tuning.baseMs ?? fallbackBaseMs;
    this.previous = this.baseMs;
  }

  /** Returns the next wait in ms and moves on to the one after. */
  next(): number {
    const { capMs, jitter } = this.tuning;
    const baseMs = this.baseMs;
    const ceiling = Math.min(capMs, baseMs * 2 ** this.attempt);
    this.attempt = Math.min(this.attempt + 1, 52);

    switch (jitter) {
      case 'none':
        return ceiling;
      case 'full':
        return this.random.next() * ceiling;
      case 'equal':
        return ceiling / 2 + (this.random.next() * ceiling) / 2;
      case 'decorrelated':
        this.previous = Math.min(capMs, baseMs + this.random.next() * (3 * this.previous - baseMs));
        return this.previous;
    }
  }

  /** Starts again from the base, as after news or a success. */
  reset(): void {
    this.attempt = 0;
    this.previous = this.baseMs;
  }
}
