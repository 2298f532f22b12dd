/**
 * The bullpen: during a ball game the manager decides to change pitchers, a reliever starts
 * warming up, and the manager wants to know the moment he is ready. Polling is the manager
 * phoning the bullpen, "Is he warmed up yet?" "Not yet."; a webhook is "call me when he's
 * warmed up".
 *
 * Sources and assumptions: a full major-league slate is 15 games; a nine-inning game lasted
 * about 2 h 40 min on average in 2023 under the pitch clock, so 3 h bounds most games; teams
 * used about three relievers a game, so each game has 3 pitching changes by default; a
 * reliever's warm-up is assumed to take 10 minutes give or take one, kept between 8 and 12.
 * A change needs a second reliever right after the first with probability --second, 0 by
 * default because the three changes a game already count every reliever a team used.
 */
import type { Distribution } from '../src/engine/distributions.ts';
import { sample } from '../src/engine/distributions.ts';
import { chance } from '../src/engine/processes.ts';
import type { Random } from '../src/engine/random.ts';
import { createStream } from '../src/engine/random.ts';
import type { EventInput } from '../src/model/event-log.ts';
import { defineScenario } from '../src/model/scenario.ts';
import { checkConsumerCount } from '../src/runtime/run-size.ts';

/** First pitch of the simulated slate: 1 April 2026, 7:05 pm US Eastern time. */
const FIRST_PITCH = Date.UTC(2026, 3, 1, 23, 5);

export default defineScenario({
  name: 'bullpen',
  summary: 'a manager waiting for relievers to warm up, by phoning or by being called back',
  options: {
    games: {
      type: 'integer',
      default: 15,
      min: 1,
      max: 100_000,
      description: 'games played at once, each with its own manager and bullpen',
    },
    changes: {
      type: 'integer',
      default: 3,
      min: 1,
      max: 50,
      description: 'pitching changes in each game, each needing one reliever warmed up',
    },
    warmup: {
      type: 'distribution',
      default: 'normal(10m, 1m)[8m, 12m]',
      description: "how long a reliever takes to warm up, from the manager's call",
    },
    second: {
      type: 'number',
      default: 0,
      min: 0,
      max: 1,
      description:
        'chance that a change needs a second reliever, who starts warming up when the first ' +
        'one enters the game',
    },
  },
  defaults: {
    interval: '3m',
    duration: '3h',
    consumers: 1,
  },
  build({ options, duration, consumers, seed, random }) {
    const length = duration ?? 3 * 3_600_000;
    // The second relievers draw from a stream of their own, so that raising --second adds
    // relievers without moving the first relievers of changes that need no second.
    const secondRandom = createStream(seed, 'scenario/bullpen/second');
    const events: EventInput[] = [];

    for (let game = 1; game <= options.games; game++) {
      for (let change = 1; change <= options.changes; change++) {
        const relievers = { game, change, length, warmup: options.warmup, second: options.second };
        events.push(...drawChange(relievers, random, secondRandom));
      }
    }

    checkConsumerCount(options.games * consumers);
    const managers = [];
    for (let game = 1; game <= options.games; game++) {
      for (let index = 0; index < consumers; index++) managers.push({ keys: [`game-${game}`] });
    }

    return { start: FIRST_PITCH, events, consumers: managers };
  },
});

interface ChangeInput {
  readonly game: number;
  readonly change: number;
  /** Length of the window in which both relievers must be ready, in ms. */
  readonly length: number;
  readonly warmup: Distribution;
  /** Probability that the change needs a second reliever. */
  readonly second: number;
}

/**
 * Draws the relievers of one pitching change: the first is called at a random time and is
 * ready after his warm-up. A second, when needed, is called as the first enters the game, and
 * the call time leaves room for both warm-ups inside the window.
 */
function drawChange(input: ChangeInput, random: Random, secondRandom: Random): EventInput[] {
  const { game, change } = input;
  const needsSecond = input.second > 0 && chance(input.second, secondRandom);
  const secondWarmup = needsSecond ? sample(input.warmup, secondRandom) : 0;

  const warmup = sample(input.warmup, random);
  const call = FIRST_PITCH + random.next() * Math.max(0, input.length - warmup - secondWarmup);
  const ready = call + warmup;
  const key = `game-${game}`;
  const first = { time: ready, key, payload: { game, change, calledAt: iso(call) } };
  if (!needsSecond) return [first];

  // Only a second reliever's payload has `second: true`, so the first keeps its usual shape.
  const payload = { game, change, calledAt: iso(ready), second: true };
  return [first, { time: ready + secondWarmup, key, payload }];
}

function iso(time: number): string {
  return new Date(time).toISOString();
}
