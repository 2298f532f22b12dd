/**
 * The most arrivals in any one second and in any 100 ms: sliding windows over arrival times
 * that come in order, as both interpreters see them at the producer. One ring keeps the
 * arrivals of the last second, and the 100 ms window is its newest part, so each arrival costs
 * a few steps. Memory grows with the peak, not with the run.
 */
export class PeakWindows {
  private times = new Float64Array(1024);
  private mask = 1023;
  /** Ring positions as running counts: the oldest arrival in each window, and the next free. */
  private secondStart = 0;
  private shortStart = 0;
  private end = 0;
  private bestSecond = 0;
  private bestShort = 0;

  get perSecond(): number {
    return this.bestSecond;
  }

  get per100ms(): number {
    return this.bestShort;
  }

  /** Adds an arrival at `time`; times must not go backwards. */
  add(time: number): void {
    if (this.end - this.secondStart === this.times.length) this.grow();
    this.times[this.end & this.mask] = time;
    this.end++;

    this.secondStart = this.advance(this.secondStart, time - 1_000);
    this.shortStart = this.advance(Math.max(this.shortStart, this.secondStart), time - 100);

    if (this.end - this.secondStart > this.bestSecond)
      this.bestSecond = this.end - this.secondStart;
    if (this.end - this.shortStart > this.bestShort) this.bestShort = this.end - this.shortStart;
  }

  /** Moves `start` past the arrivals at or before `cutoff`, which have left the window. */
  private advance(start: number, cutoff: number): number {
    let position = start;
    while (position < this.end && (this.times[position & this.mask] as number) <= cutoff) {
      position++;
    }
    return position;
  }

  /** Doubles the ring, keeping each kept arrival at its running position. */
  private grow(): void {
    const larger = new Float64Array(this.times.length * 2);
    const largerMask = larger.length - 1;

    for (let position = this.secondStart; position < this.end; position++) {
      larger[position & largerMask] = this.times[position & this.mask] as number;
    }

    this.times = larger;
    this.mask = largerMask;
  }
}
