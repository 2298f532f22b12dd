import { describe, expect, it } from 'vitest';
import type { Random } from '../../src/engine/random.ts';
import { createStream } from '../../src/engine/random.ts';
import { KeyIndex } from '../../src/model/key-index.ts';

/** An item of the index under test, with the keys it wants; `undefined` wants every key. */
interface Item {
  readonly id: number;
  readonly keys: readonly string[] | undefined;
  live: boolean;
}

const KEYS = ['a', 'b', 'c', 'd', 'e', 'f'];

/** Draws `count` items: a fifth want every key, the rest one to three keys, repeats allowed. */
function drawItems(count: number, random: Random): Item[] {
  return Array.from({ length: count }, (_, id) => {
    if (random.next() < 0.2) return { id, keys: undefined, live: true };

    const size = 1 + Math.floor(random.next() * 3);
    const keys = Array.from({ length: size }, () => pick(KEYS, random));
    return { id, keys, live: true };
  });
}

function pick<T>(values: readonly T[], random: Random): T {
  return values[Math.floor(random.next() * values.length)] as T;
}

/** Builds an index whose items are live while their `live` flag is set. */
function indexOf(items: readonly Item[]): KeyIndex<Item> {
  const index = new KeyIndex<Item>((item) => item.live);
  for (const item of items) index.add(item, item.keys);
  return index;
}

/** Returns the ids of the live items that want any of `keys`, in order, by a full scan. */
function scan(items: readonly Item[], keys: readonly string[]): number[] {
  const wanted = (item: Item) =>
    keys.length > 0 && (item.keys === undefined || keys.some((key) => item.keys?.includes(key)));
  return items.filter((item) => item.live && wanted(item)).map((item) => item.id);
}

const ids = (items: readonly Item[]) => items.map((item) => item.id);

describe('KeyIndex lookups', () => {
  const random = createStream(7, 'test/key-index');
  const items = drawItems(400, random);
  const index = indexOf(items);

  it.each(KEYS)('finds key %s in order', (key) => {
    expect(ids(index.wantingKey(key))).toEqual(scan(items, [key]));
  });

  it('finds an unknown key', () => {
    expect(ids(index.wantingKey('z'))).toEqual(scan(items, ['z']));
  });

  it('finds several keys once each', () => {
    for (let round = 0; round < 20; round++) {
      const keys = [pick(KEYS, random), pick(KEYS, random), pick(KEYS, random)];
      expect(ids(index.wantingAny(new Set(keys)))).toEqual(scan(items, keys));
    }
  });

  it('finds nothing for no keys', () => {
    expect(index.wantingAny(new Set())).toEqual([]);
  });

  it('lists every item in order', () => {
    expect(ids(index.items())).toEqual(ids(items));
  });
});

describe('KeyIndex with dead items', () => {
  /** Kills about 60% of the live items, retiring each as an owner does. */
  function killSome(items: readonly Item[], index: KeyIndex<Item>, random: Random): void {
    for (const item of items) {
      if (!item.live || random.next() >= 0.6) continue;
      item.live = false;
      index.retire();
    }
  }

  const random = createStream(11, 'test/key-index/dead');
  const items = drawItems(300, random);
  const index = indexOf(items);
  killSome(items, index, random);
  const later = drawItems(300, random).map((item) => ({ ...item, id: item.id + 300 }));
  for (const item of later) index.add(item, item.keys);
  killSome(later, index, random);
  const everything = [...items, ...later];

  it('skips dead items', () => {
    for (const key of KEYS) {
      expect(ids(index.wantingKey(key))).toEqual(scan(everything, [key]));
    }
  });

  it('lists live items in order', () => {
    expect(ids(index.items())).toEqual(scan(everything, KEYS));
  });

  it('counts the live items', () => {
    expect(index.size).toBe(everything.filter((item) => item.live).length);
  });
});

describe('KeyIndex with repeated keys', () => {
  it('returns an item once', () => {
    const index = new KeyIndex<string>();
    index.add('twice', ['a', 'a']);

    expect(index.wantingKey('a')).toEqual(['twice']);
  });

  it('merges keyed and every-key items', () => {
    const index = new KeyIndex<string>();
    index.add('all-1', undefined);
    index.add('a-2', ['a']);
    index.add('all-3', undefined);
    index.add('b-4', ['b']);
    index.add('a-5', ['a', 'b']);

    expect(index.wantingKey('a')).toEqual(['all-1', 'a-2', 'all-3', 'a-5']);
  });
});
