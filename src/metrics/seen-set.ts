/**
 * A set of event sequence numbers. It starts as a hash set and becomes a bitmap, one bit per
 * sequence number up to `capacity`, once it contains enough numbers for the bitmap to be smaller.
 * A consumer that receives a few events of a large log thus costs memory for those few only. A
 * bitmap for every consumer would grow with consumers times events.
 */
export class SeenSet {
  private bits: Uint32Array | undefined;
  private few: Set<number> | undefined;

  constructor(private readonly capacity: number) {}

  has(seq: number): boolean {
    const bits = this.bits;
    if (bits === undefined) return this.few?.has(seq) ?? false;
    return ((bits[seq >>> 5] as number) & (1 << (seq & 31))) !== 0;
  }

  /** Adds `seq` and returns whether it was new. */
  add(seq: number): boolean {
    if (this.bits !== undefined) return addBit(this.bits, seq);

    this.few ??= new Set();
    if (this.few.has(seq)) return false;

    this.few.add(seq);
    if (this.few.size > this.capacity / BITS_PER_SET_ENTRY) this.switchToBits(this.few);
    return true;
  }

  private switchToBits(few: ReadonlySet<number>): void {
    const bits = new Uint32Array((this.capacity >>> 5) + 1);
    for (const seq of few) addBit(bits, seq);

    this.bits = bits;
    this.few = undefined;
  }
}

/**
 * Bits of bitmap that cost about as much memory as one number in a `Set`: an estimate of 32
 * bytes per entry of V8's hash table.
 */
const BITS_PER_SET_ENTRY = 256;

function addBit(bits: Uint32Array, seq: number): boolean {
  const word = seq >>> 5;
  const mask = 1 << (seq & 31);
  const current = bits[word] as number;
  if ((current & mask) !== 0) return false;

  bits[word] = current | mask;
  return true;
}
