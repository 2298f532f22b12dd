import poisson from '../../scenarios/poisson.ts';
import { parseRate } from '../engine/units.ts';
import type { World } from '../model/world.ts';
import { buildWorld } from '../runtime/run.ts';
import { resolveSettings } from '../runtime/settings.ts';

/** The poisson scenario's options for one world, written as a user would pass them. */
export interface PoissonCase {
  readonly rate: string;
  readonly duration: string;
  readonly seed: string;
}

/** A world of Poisson events with one consumer, and its event rate in events per ms. */
export interface PoissonWorld {
  readonly world: World;
  readonly rate: number;
}

/**
 * Builds the poisson scenario's worlds and keeps each one, so checks that share a case also
 * share its world. A world can serve several runs because simulate() leaves it unchanged.
 */
export class PoissonWorlds {
  private readonly worlds = new Map<string, Promise<PoissonWorld>>();

  get(poissonCase: PoissonCase): Promise<PoissonWorld> {
    const key = `${poissonCase.rate} ${poissonCase.duration} ${poissonCase.seed}`;
    let world = this.worlds.get(key);

    if (world === undefined) {
      world = buildPoissonWorld(poissonCase);
      this.worlds.set(key, world);
    }

    return world;
  }
}

async function buildPoissonWorld(poissonCase: PoissonCase): Promise<PoissonWorld> {
  const { rate, duration, seed } = poissonCase;
  const settings = resolveSettings(poisson, {
    duration,
    seed,
    consumers: '1',
    scenarioOptions: { rate },
  });

  const world = await buildWorld(poisson, settings);
  return { world, rate: parseRate(rate) as number };
}
