/** An item of a `KeyIndex`, with its place in the order of registration. */
interface Entry<T> {
  readonly order: number;
  readonly item: T;
}

/**
 * Registrations that each want some event keys, or every key, looked up by key. A lookup visits
 * only the items that want the key, so the work of publishing an event grows with its audience
 * rather than with every registration, and it returns them in the order they were added. The
 * order matters because each visit may draw random numbers.
 *
 * Items may stop being live, as a held poll does once it has its response and a stream does once
 * it closes. Lookups skip them, and the index drops them once the owner has retired as many as it
 * keeps.
 */
export class KeyIndex<T> {
  private readonly byKey = new Map<string, Entry<T>[]>();
  private everyKey: Entry<T>[] = [];
  private all: Entry<T>[] = [];
  private nextOrder = 0;
  private retired = 0;

  /** `isLive` returns whether an item still counts. By default every item does. */
  constructor(private readonly isLive: (item: T) => boolean = () => true) {}

  /** The number of live items, when the owner calls `retire` once for each item that dies. */
  get size(): number {
    return this.all.length - this.retired;
  }

  /** Adds `item` for each of `keys`, or for every key when `keys` is undefined. */
  add(item: T, keys: Iterable<string> | undefined): void {
    const entry: Entry<T> = { order: this.nextOrder++, item };
    this.all.push(entry);
    if (keys === undefined) {
      this.everyKey.push(entry);
      return;
    }

    for (const key of keys) {
      const list = this.byKey.get(key);
      if (list === undefined) this.byKey.set(key, [entry]);
      // A key listed twice finds the entry already at the end of its list. Adding it again
      // would visit the item twice.
      else if (list.at(-1) !== entry) list.push(entry);
    }
  }

  /** Returns the live items, in the order they were added. */
  items(): T[] {
    return liveItems(this.all, this.isLive);
  }

  /** Returns the live items that want an event of `key`, in the order they were added. */
  wantingKey(key: string): T[] {
    const keyed = this.byKey.get(key);
    if (keyed === undefined) return liveItems(this.everyKey, this.isLive);
    if (this.everyKey.length === 0) return liveItems(keyed, this.isLive);

    return liveItems(mergeTwo(keyed, this.everyKey), this.isLive);
  }

  /**
   * Returns the live items that want an event of at least one of `keys`, each once, in the
   * order they were added. No key at all means no event, so nothing is returned.
   */
  wantingAny(keys: ReadonlySet<string>): T[] {
    if (keys.size === 0) return [];
    if (keys.size === 1) {
      const [key] = keys;
      return this.wantingKey(key as string);
    }

    const found: Entry<T>[] = [...this.everyKey];
    for (const key of keys) found.push(...(this.byKey.get(key) ?? []));
    found.sort((a, b) => a.order - b.order);

    // An item of several keys comes once per key, next to its own copies after the sort.
    const unique = found.filter((entry, index) => entry.order !== found[index - 1]?.order);
    return liveItems(unique, this.isLive);
  }

  /** Notes that one item stopped being live. Once the dead are half the entries, drops them. */
  retire(): void {
    this.retired++;
    if (this.retired >= MIN_RETIRED && 2 * this.retired >= this.all.length) this.compact();
  }

  private compact(): void {
    const live = (entry: Entry<T>) => this.isLive(entry.item);

    this.all = this.all.filter(live);
    this.everyKey = this.everyKey.filter(live);
    for (const [key, list] of this.byKey) {
      const kept = list.filter(live);
      if (kept.length === 0) this.byKey.delete(key);
      else this.byKey.set(key, kept);
    }

    this.retired = 0;
  }
}

/** Dead entries the index keeps at least, so that small indexes are not rebuilt all the time. */
const MIN_RETIRED = 64;

function liveItems<T>(entries: readonly Entry<T>[], isLive: (item: T) => boolean): T[] {
  const items: T[] = [];
  for (const { item } of entries) {
    if (isLive(item)) items.push(item);
  }
  return items;
}

/** Merges two lists sorted by order, which share no entry, into one sorted list. */
function mergeTwo<T>(first: readonly Entry<T>[], second: readonly Entry<T>[]): Entry<T>[] {
  const merged: Entry<T>[] = [];
  let i = 0;
  let j = 0;

  while (i < first.length && j < second.length) {
    const a = first[i] as Entry<T>;
    const b = second[j] as Entry<T>;
    if (a.order < b.order) {
      merged.push(a);
      i++;
    } else {
      merged.push(b);
      j++;
    }
  }

  return merged.concat(first.slice(i), second.slice(j));
}
