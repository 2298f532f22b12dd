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
 */
import { sample } from '../src/engine/distributions.ts';
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
  },
  defaults: {
    interval: '3m',
    duration: '3h',
    consumers: 1,
  },
  build({ options, duration, consumers, random }) {
    const length = duration ?? 3 * 3_600_000;
    const events = [];

    for (let game = 1; game <= options.games; game++) {
      for (let change = 1; change <= options.changes; change++) {
        const warmup = sample(options.warmup, random);
        const call = FIRST_PITCH + random.next() * Math.max(0, length - warmup);
        events.push({
          time: call + warmup,
          key: `game-${game}`,
          payload: { game, change, calledAt: new Date(call).toISOString() },
        });
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
