/** A set of event sequence numbers, one bit each, allocated on first use. */
export class SeenSet {
  private bits: Uint32Array | undefined;

  constructor(private readonly capacity: number) {}

  has(seq: number): boolean {
    const bits = this.bits;
    if (bits === undefined) return false;
    return ((bits[seq >>> 5] as number) & (1 << (seq & 31))) !== 0;
  }

  /** Adds `seq` and returns whether it was new. */
  add(seq: number): boolean {
    if (this.bits === undefined) this.bits = new Uint32Array((this.capacity >>> 5) + 1);

    const word = seq >>> 5;
    const mask = 1 << (seq & 31);
    const current = this.bits[word] as number;
    if ((current & mask) !== 0) return false;

    this.bits[word] = current | mask;
    return true;
  }
}
