/**
 * The most arrivals in any window of a fixed width: a sliding window over arrival times that
 * come in order, as both interpreters see them at the producer. Memory grows with the peak,
 * not with the run, because only the arrivals inside the current window are kept.
 */
export class PeakWindow {
  private times = new Float64Array(64);
  private head = 0;
  private size = 0;
  private best = 0;

  constructor(private readonly widthMs: number) {}

  get peak(): number {
    return this.best;
  }

  /** Adds an arrival at `time`; times must not go backwards. */
  add(time: number): void {
    while (this.size > 0 && (this.oldest() as number) <= time - this.widthMs) {
      this.head = (this.head + 1) % this.times.length;
      this.size--;
    }

    if (this.size === this.times.length) this.grow();
    this.times[(this.head + this.size) % this.times.length] = time;
    this.size++;
    if (this.size > this.best) this.best = this.size;
  }

  private oldest(): number | undefined {
    return this.times[this.head];
  }

  /** Doubles the ring, unrolling it so the oldest arrival is first again. */
  private grow(): void {
    const larger = new Float64Array(this.times.length * 2);
    for (let index = 0; index < this.size; index++) {
      larger[index] = this.times[(this.head + index) % this.times.length] as number;
    }
    this.times = larger;
    this.head = 0;
  }
}
