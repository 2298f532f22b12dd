/**
 * Text messages and calls coming in to a set of phone numbers, as a telephony API reports
 * them to an app. Texts come in bursts: a conversation brings several messages a minute or so
 * apart, then nothing for hours. Calls come one at a time. Each number has its own consumer,
 * which wants both its texts (key `number-N/sms`) and its calls (key `number-N/call`).
 *
 * Sources: Pew Research Center, "Americans and Text Messaging" (Aaron Smith, September 2011):
 * adults who text send or receive 41.5 messages on an average day (median 10), and cell owners
 * make or receive 12 calls a day. This scenario takes half of each as incoming, 20 texts and 6
 * calls a day per number. The shape of a conversation is an assumption: a geometric number of
 * texts with mean 4, spaced by exponential gaps with a mean of 1 minute.
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
  name: 'sms',
  summary: 'incoming texts, in bursts of conversation, and calls to several phone numbers',
  options: {
    numbers: {
      type: 'integer',
      default: 10,
      min: 1,
      max: 1_000_000,
      description: 'phone numbers, each with its own consumers',
    },
    texts: {
      type: 'rate',
      default: '20/d',
      description: 'mean rate of incoming texts to each number, like 20/d',
    },
    calls: {
      type: 'rate',
      default: '6/d',
      description: 'mean rate of incoming calls to each number, like 6/d',
    },
    burst: {
      type: 'number',
      default: 4,
      min: 1,
      max: 1_000,
      description: 'mean number of texts in one conversation (geometric, at least 1)',
    },
    gap: {
      type: 'distribution',
      default: 'exp(1m)',
      description: 'time between two texts of one conversation',
    },
  },
  defaults: {
    interval: '1m',
    duration: '1d',
    consumers: 1,
  },
  build({ options, duration, consumers, random }) {
    const end = START + (duration ?? 86_400_000);
    const span = end - START;
    checkEventCount(options.numbers * (options.texts + options.calls) * span);
    checkConsumerCount(options.numbers * consumers);

    const events: EventInput[] = [];
    const owners = [];

    for (let number = 1; number <= options.numbers; number++) {
      const callKey = `number-${number}/call`;
      events.push(...drawTexts(number, options, end, random));
      for (const time of poissonTimes(options.calls, START, end, random)) {
        events.push({ time, key: callKey, payload: { number, kind: 'call' } });
      }

      const keys = [`number-${number}/sms`, callKey];
      for (let copy = 0; copy < consumers; copy++) owners.push({ keys });
    }

    return { start: START, end, events, consumers: owners };
  },
});

interface TextOptions {
  /** Mean rate of texts, per ms. */
  readonly texts: number;
  /** Mean texts per conversation. */
  readonly burst: number;
  readonly gap: Distribution;
}

/**
 * Draws the texts to one number: conversations start as a Poisson process at texts / burst,
 * so that texts arrive at the requested mean rate, and each brings a geometric number of texts.
 * Texts that would come after the window closes are left out.
 */
function drawTexts(number: number, options: TextOptions, end: number, random: Random) {
  const texts: EventInput[] = [];
  const key = `number-${number}/sms`;
  const starts = poissonTimes(options.texts / options.burst, START, end, random);

  for (const [index, start] of starts.entries()) {
    const conversation = index + 1;
    const count = geometricCount(options.burst, random);
    let time = start;

    for (let text = 1; text <= count && time < end; text++) {
      texts.push({ time, key, payload: { number, kind: 'sms', conversation, text } });
      time += sample(options.gap, random);
    }
  }

  return texts;
}
