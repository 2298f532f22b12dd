/**
 * File change notifications for the users of a sync service. A user edits in sessions, and a
 * session saves the file again and again a few seconds or a minute apart, so changes come in
 * bursts. Each user's sync client (a consumer with key `user-N`) wants each of that user's
 * changes. Dropbox offers both sides of this: a long poll for clients, whose request blocks
 * until a change or a timeout, and webhooks for servers. The scenario runs polling, long polling
 * and webhooks by default.
 *
 * Sources: the Dropbox API's files/list_folder/longpoll takes a timeout that defaults to 30
 * seconds, plus up to 90 seconds of random jitter. That is the Dropbox API v2 documentation as
 * the Dropbox .NET SDK reference for ListFolderLongpollArg shows it. --hold defaults to the same
 * 30 seconds.
 * The editing pattern is an assumption: 3 sessions a user a day, each with 15 saves on average
 * (geometric), spaced by exponential gaps with a mean of 40 seconds.
 */
import type { Distribution } from '../src/engine/distributions.ts';
import { sample } from '../src/engine/distributions.ts';
import { geometricCount, poissonTimes } from '../src/engine/processes.ts';
import type { Random } from '../src/engine/random.ts';
import type { EventInput } from '../src/model/event-log.ts';
import { defineScenario } from '../src/model/scenario.ts';
import { checkConsumerCount, checkEventCount } from '../src/runtime/run-size.ts';

/** Midnight UTC, Monday 2 March 2026. */
const START = Date.UTC(2026, 2, 2);

export default defineScenario({
  name: 'file-sync',
  summary: 'file change notifications for many users, in bursts of saves while editing',
  options: {
    users: {
      type: 'integer',
      default: 20,
      min: 1,
      max: 1_000_000,
      description: 'users, each with their own sync clients (--consumers per user)',
    },
    sessions: {
      type: 'rate',
      default: '3/d',
      description: 'mean rate of editing sessions of each user, like 3/d',
    },
    saves: {
      type: 'number',
      default: 15,
      min: 1,
      max: 100_000,
      description: 'mean number of saves in one session (geometric, at least 1)',
    },
    gap: {
      type: 'distribution',
      default: 'exp(40s)',
      description: 'time between two saves of one session',
    },
  },
  defaults: {
    interval: '1m',
    duration: '1d',
    consumers: 1,
    strategies: ['poll', 'long-poll', 'webhook'],
  },
  build({ options, duration, consumers, random }) {
    const end = START + (duration ?? 86_400_000);
    checkEventCount(options.users * options.sessions * options.saves * (end - START));
    checkConsumerCount(options.users * consumers);

    const events: EventInput[] = [];
    const clients = [];

    for (let user = 1; user <= options.users; user++) {
      events.push(...drawSaves(user, options, end, random));
      for (let copy = 0; copy < consumers; copy++) clients.push({ keys: [`user-${user}`] });
    }

    return { start: START, end, events, consumers: clients };
  },
});

interface SaveOptions {
  /** Mean rate of sessions, per ms. */
  readonly sessions: number;
  readonly saves: number;
  readonly gap: Distribution;
}

/** Draws one user's saves; saves that would come after the window closes are left out. */
function drawSaves(user: number, options: SaveOptions, end: number, random: Random) {
  const saves: EventInput[] = [];
  const key = `user-${user}`;

  for (const [index, start] of poissonTimes(options.sessions, START, end, random).entries()) {
    const session = index + 1;
    const count = geometricCount(options.saves, random);
    let time = start;

    for (let save = 1; save <= count && time < end; save++) {
      saves.push({ time, key, payload: { user, session, save, path: `/doc-${session}.txt` } });
      time += sample(options.gap, random);
    }
  }

  return saves;
}
