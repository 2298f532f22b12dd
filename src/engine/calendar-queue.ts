/** Minimum bucket count, so that a small queue does not resize every few pushes. */
const MIN_BUCKETS = 16;

/** Earliest items whose distinct times set the bucket width when the calendar is rebuilt. */
const WIDTH_SAMPLE = 32;

/**
 * Average cost per operation (empty buckets skipped by a pop, nodes walked by a push) above
 * which the calendar is rebuilt with a new width, even though its item count did not change.
 */
const MAX_AVERAGE_COST = 4;

/** Minimum number of operations between two cost checks, so a tiny queue rebuilds rarely. */
const MIN_COST_WINDOW = 256;

/**
 * Largest bucket number, in magnitude, that a time maps to. It keeps bucket numbers exact
 * integers, so that a pop's scan can step from one to the next, however far a time lies from
 * the calendar's origin. Times beyond it share the last bucket and still sort correctly there.
 */
const MAX_BUCKET_NUMBER = 2 ** 51;

/** Marks the end of a bucket's list, and an empty bucket. */
const NONE = -1;

/**
 * A priority queue of scheduled items ordered by (time, push order), with the same contract as
 * `EventQueue`: items due at the same time come out in the order they were pushed, so a run
 * gives the same results with either queue.
 *
 * It is a calendar queue, after R. Brown, "Calendar queues: a fast O(1) priority queue
 * implementation for the simulation event set problem", Communications of the ACM 31(10),
 * 1220-1227, 1988. Time is cut into buckets of one width, and a year of N buckets wraps, so that
 * bucket number `floor((time - origin) / width)` lives in slot `number mod N`. Each slot contains
 * a linked list sorted by time, and a push goes after every item of its list with the same time.
 * Equal times always share a bucket, so this keeps ties in push order without storing a
 * sequence number. A pop scans slots from the current bucket number onwards and takes the first
 * head that belongs to the bucket being scanned. A push appends to a list's tail when it is the
 * latest there, which is the usual case for a timer pushed one period ahead.
 *
 * The calendar is rebuilt when the item count rises past twice the bucket count or falls below
 * half of it, and when pops skip too many empty buckets or pushes walk too far along lists. A
 * rebuild sets the width to three times the mean gap between the earliest distinct times, and
 * N to the item count rounded up to a power of two. Lists live in typed arrays indexed by node,
 * and a pop's node is reused by the next push, so a timer that reschedules itself keeps its
 * node. In the hold model of bench/queue-hold.ts, on a 2-CPU AMD EPYC virtual machine under
 * Node 20, it made 3 to 4 times as many operations per second as `EventQueue` at 1,000 items
 * and about 5 times as many at 100,000.
 *
 * NOTE: a calendar queue degrades towards one sorted list when most items share a few buckets,
 * such as a dense cluster far behind a sparse head. It stays correct, but a push into a long
 * list costs a walk along it.
 */
export class CalendarQueue<T> {
  private times = new Float64Array(MIN_BUCKETS);
  /** The next node of a bucket's list, or of the free list. */
  private links = new Int32Array(MIN_BUCKETS);
  private items: (T | undefined)[] = new Array<T | undefined>(MIN_BUCKETS);
  private freeNode = NONE;
  private usedNodes = 0;

  private heads = new Int32Array(MIN_BUCKETS).fill(NONE);
  private tails = new Int32Array(MIN_BUCKETS).fill(NONE);
  /** Bucket count minus one, a bit mask that maps a bucket number to its slot. */
  private mask = MIN_BUCKETS - 1;
  private width = 1;
  private inverseWidth = 1;
  private origin = 0;
  /** Bucket number where a pop's scan starts. No item has a smaller one. */
  private current = 0;

  private count = 0;
  /** Empty buckets skipped and list nodes walked since the last cost check. */
  private cost = 0;
  private operations = 0;

  get size(): number {
    return this.count;
  }

  /** Buckets in one year of the calendar: a power of two, at least 16. */
  get bucketCount(): number {
    return this.mask + 1;
  }

  /** Span of time each bucket covers, in the unit of the pushed times. */
  get bucketWidth(): number {
    return this.width;
  }

  /** Returns the time of the earliest item, or `Infinity` when the queue is empty. */
  peekTime(): number {
    return this.count > 0 ? (this.times[this.seek()] as number) : Number.POSITIVE_INFINITY;
  }

  /** Adds `item` at `time`, after every item already queued at that time. */
  push(time: number, item: T): void {
    // NaN compares false with everything, so it would break the order of every list it joins.
    if (Number.isNaN(time))
      throw new RangeError('CalendarQueue.push: invalid time NaN, expected a number');

    if (this.count === 0) this.restart(time);

    const node = this.allocate();
    this.times[node] = time;
    this.items[node] = item;

    const bucket = this.bucketOf(time);
    if (bucket < this.current) this.current = bucket;
    this.insert(node, bucket & this.mask, time);
    this.count++;

    if (this.count > 2 * (this.mask + 1)) this.rebuild();
    else this.checkCost();
  }

  /** Removes and returns the earliest item, or `undefined` when the queue is empty. */
  pop(): T | undefined {
    if (this.count === 0) return undefined;

    const node = this.seek();
    const slot = this.current & this.mask;
    const next = this.links[node] as number;
    this.heads[slot] = next;
    if (next === NONE) this.tails[slot] = NONE;

    const item = this.items[node];
    this.items[node] = undefined;
    this.links[node] = this.freeNode;
    this.freeNode = node;
    this.count--;

    if (this.count < (this.mask + 1) / 2 && this.mask + 1 > MIN_BUCKETS) this.rebuild();
    return item;
  }

  /**
   * Moves `current` to the bucket of the earliest item and returns that item's node. The queue
   * must not be empty. After a year of empty buckets it searches every head directly.
   */
  private seek(): number {
    const heads = this.heads;
    const mask = this.mask;
    let bucket = this.current;

    for (let skipped = 0; skipped <= mask; skipped++) {
      const node = heads[bucket & mask] as number;
      if (node !== NONE && this.bucketOf(this.times[node] as number) === bucket) {
        this.current = bucket;
        this.cost += skipped;
        return node;
      }
      bucket++;
    }

    this.cost += mask + 1;
    return this.searchHeads();
  }

  /** Finds the earliest item among the heads of all lists, and moves `current` to its bucket. */
  private searchHeads(): number {
    let best = NONE;

    for (const node of this.heads) {
      if (node === NONE) continue;
      if (best === NONE || (this.times[node] as number) < (this.times[best] as number)) {
        best = node;
      }
    }

    this.current = this.bucketOf(this.times[best] as number);
    return best;
  }

  /** Links `node`, due at `time`, into the list of `slot` after every item due by then. */
  private insert(node: number, slot: number, time: number): void {
    const tail = this.tails[slot] as number;
    if (tail === NONE) {
      this.links[node] = NONE;
      this.heads[slot] = node;
      this.tails[slot] = node;
      return;
    }
    if ((this.times[tail] as number) <= time) {
      this.links[node] = NONE;
      this.links[tail] = node;
      this.tails[slot] = node;
      return;
    }

    this.insertBeforeTail(node, slot, time);
  }

  /** Walks the list of `slot` from its head to place `node`, which sorts before the tail. */
  private insertBeforeTail(node: number, slot: number, time: number): void {
    let previous = NONE;
    let next = this.heads[slot] as number;

    while ((this.times[next] as number) <= time) {
      previous = next;
      next = this.links[next] as number;
      this.cost++;
    }

    this.links[node] = next;
    if (previous === NONE) this.heads[slot] = node;
    else this.links[previous] = node;
  }

  /** Maps a time to its bucket number; the mapping never decreases as the time grows. */
  private bucketOf(time: number): number {
    const bucket = Math.floor((time - this.origin) * this.inverseWidth);
    return Math.min(Math.max(bucket, -MAX_BUCKET_NUMBER), MAX_BUCKET_NUMBER);
  }

  /** Moves the origin to the first time pushed into an empty queue, which keeps numbers small. */
  private restart(time: number): void {
    if (!Number.isFinite(time)) return;

    this.origin = time;
    this.current = 0;
  }

  private allocate(): number {
    const free = this.freeNode;
    if (free !== NONE) {
      this.freeNode = this.links[free] as number;
      return free;
    }

    if (this.usedNodes === this.times.length) this.growNodes();
    return this.usedNodes++;
  }

  private growNodes(): void {
    const capacity = this.times.length * 2;
    const times = new Float64Array(capacity);
    const links = new Int32Array(capacity);
    times.set(this.times);
    links.set(this.links);
    this.times = times;
    this.links = links;
    this.items.length = capacity;
  }

  /**
   * Counts an operation, and rebuilds the calendar when the operations since the last check
   * cost too much on average. A check comes only after as many operations as there are
   * buckets, so the rebuild's own cost, linear in the item and bucket counts, stays a constant
   * share of the operations it follows.
   */
  private checkCost(): void {
    if (++this.operations < Math.max(this.mask + 1, MIN_COST_WINDOW)) return;

    if (this.cost > MAX_AVERAGE_COST * this.operations) this.rebuild();
    this.operations = 0;
    this.cost = 0;
  }

  /** Resizes the calendar for the current item count, re-estimates the width, and relinks. */
  private rebuild(): void {
    const nodes = this.collectNodes();
    this.width = this.estimateWidth(nodes);
    this.inverseWidth = 1 / this.width;

    const buckets = Math.max(MIN_BUCKETS, nextPowerOfTwo(this.count));
    if (buckets === this.heads.length) {
      this.heads.fill(NONE);
      this.tails.fill(NONE);
    } else {
      this.heads = new Int32Array(buckets).fill(NONE);
      this.tails = new Int32Array(buckets).fill(NONE);
    }
    this.mask = buckets - 1;
    this.relink(nodes);

    this.operations = 0;
    this.cost = 0;
  }

  /**
   * Lists every node, slot by slot from the current one. Items due at the same time share a
   * list, so they come out in push order and keep it when linked again. The nodes of the first
   * year come out in time order, so most of them append to a tail when linked again.
   */
  private collectNodes(): Int32Array {
    const nodes = new Int32Array(this.count);
    const mask = this.mask;
    let filled = 0;

    for (let offset = 0; offset <= mask; offset++) {
      const slot = (this.current + offset) & mask;
      for (
        let node = this.heads[slot] as number;
        node !== NONE;
        node = this.links[node] as number
      ) {
        nodes[filled++] = node;
      }
    }

    return nodes;
  }

  /**
   * Returns three times the mean gap between the earliest distinct times, leaving out gaps of
   * more than twice the mean so that one outlier does not widen every bucket. It keeps the
   * current width when fewer than two distinct times are queued, because any width then works,
   * and when the gaps give no finite positive width, as with infinite times.
   */
  private estimateWidth(nodes: Int32Array): number {
    const earliest = this.earliestDistinctTimes(nodes);
    if (earliest.length < 2) return this.width;

    const first = earliest[0] as number;
    const last = earliest[earliest.length - 1] as number;
    const mean = (last - first) / (earliest.length - 1);
    let sum = 0;
    let gaps = 0;

    for (let index = 1; index < earliest.length; index++) {
      const gap = (earliest[index] as number) - (earliest[index - 1] as number);
      if (gap > 2 * mean) continue;
      sum += gap;
      gaps++;
    }

    const width = (3 * sum) / gaps;
    return width > 0 && Number.isFinite(width) ? width : this.width;
  }

  /** Returns up to `WIDTH_SAMPLE` of the smallest distinct times of `nodes`, ascending. */
  private earliestDistinctTimes(nodes: Int32Array): Float64Array {
    const earliest = new Float64Array(WIDTH_SAMPLE);
    let filled = 0;

    for (const node of nodes) {
      const time = this.times[node] as number;
      const full = filled === WIDTH_SAMPLE;
      if (full && time >= (earliest[filled - 1] as number)) continue;

      const at = sortedPosition(earliest, filled, time);
      if (at < filled && earliest[at] === time) continue;

      earliest.copyWithin(at + 1, at, full ? filled - 1 : filled);
      earliest[at] = time;
      if (!full) filled++;
    }

    return earliest.subarray(0, filled);
  }

  /** Links `nodes` into the emptied calendar, with the origin at the earliest time. */
  private relink(nodes: Int32Array): void {
    let earliest = Number.POSITIVE_INFINITY;
    for (const node of nodes) earliest = Math.min(earliest, this.times[node] as number);

    this.origin = Number.isFinite(earliest) ? earliest : 0;
    this.current = nodes.length > 0 ? this.bucketOf(earliest) : 0;

    for (const node of nodes) {
      const time = this.times[node] as number;
      this.insert(node, this.bucketOf(time) & this.mask, time);
    }
  }
}

/** Returns the first index in `sorted[0, length)` whose value is not below `value`. */
function sortedPosition(sorted: Float64Array, length: number, value: number): number {
  let low = 0;
  let high = length;

  while (low < high) {
    const middle = (low + high) >> 1;
    if ((sorted[middle] as number) < value) low = middle + 1;
    else high = middle;
  }

  return low;
}

function nextPowerOfTwo(value: number): number {
  let power = 1;
  while (power < value) power *= 2;
  return power;
}
