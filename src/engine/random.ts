import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

/** A source of uniform numbers in [0, 1). */
export interface Random {
  next(): number;
}

/**
 * Creates a seeded generator. The algorithm is xoroshiro128+ (Blackman and Vigna, 2016), as
 * implemented by the pure-rand package, with 53-bit floats built from two 32-bit outputs.
 */
export function createRandom(seed: number): Random {
  const generator = xoroshiro128plus(seed | 0);
  return { next: () => uniformFloat64(generator) };
}

/**
 * Derives an independent seed for one named stream, such as one strategy's run, from the run's
 * seed. Each stream then draws the same numbers whichever other streams run beside it.
 * The mix is 32-bit FNV-1a over the seed and the label.
 */
export function deriveSeed(seed: number, label: string): number {
  let hash = 0x811c9dc5;
  const text = `${seed}:${label}`;

  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }

  return hash | 0;
}

export function createStream(seed: number, label: string): Random {
  return createRandom(deriveSeed(seed, label));
}
