import { describe, expect, it } from 'vitest';
import { SeenSet } from '../../src/metrics/seen-set.ts';

/** A capacity whose set switches to a bitmap after 40 numbers. */
const CAPACITY = 40 * 256;

describe('SeenSet', () => {
  it('reports a new number', () => {
    expect(new SeenSet(CAPACITY).add(5)).toBe(true);
  });

  it('reports a repeated number', () => {
    const seen = new SeenSet(CAPACITY);
    seen.add(5);

    expect(seen.add(5)).toBe(false);
  });

  it('starts empty', () => {
    expect(new SeenSet(CAPACITY).has(0)).toBe(false);
  });

  // Every seventh number up to the capacity goes in: about 1,460, well past the switch.
  it('keeps numbers across the switch', () => {
    const seen = new SeenSet(CAPACITY);
    const added = [];
    for (let seq = 1; seq < CAPACITY; seq += 7) added.push(seen.add(seq));

    expect(added.every((wasNew) => wasNew)).toBe(true);
    for (let seq = 0; seq < CAPACITY; seq++) {
      if (seen.has(seq) !== (seq % 7 === 1)) expect.fail(`has(${seq}) is wrong`);
    }
  });

  it('rejects repeats after the switch', () => {
    const seen = new SeenSet(CAPACITY);
    for (let seq = 1; seq <= 100; seq++) seen.add(seq);

    expect(seen.add(3)).toBe(false);
    expect(seen.add(101)).toBe(true);
  });
});
