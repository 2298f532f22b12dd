/**
 * Incoming email for a set of mailboxes, such as the support addresses of a help desk. Mail
 * arrives at random with a rate that follows the day: highest at --peak o'clock and lowest
 * twelve hours later. Each mailbox has its own consumer, which must react to every message,
 * for instance to open a ticket.
 *
 * Sources: every figure is an assumption. Each mailbox receives 60 messages a day on average,
 * a busy shared address. The rate is a cosine over the day with its peak at 10:00 UTC, which
 * stands for the mailboxes' local time, and it swings 80% either way, so the quietest hour
 * gets a ninth of the busiest hour's mail. Arrivals are otherwise independent (a Poisson
 * process whose rate changes with the time of day).
 */
import { dailyCycleTimes } from '../src/engine/processes.ts';
import { defineScenario } from '../src/model/scenario.ts';
import { checkConsumerCount, checkEventCount } from '../src/runtime/run-size.ts';

/** Midnight UTC, Monday 2 March 2026, so that hours of the day read directly from the times. */
const START = Date.UTC(2026, 2, 2);

export default defineScenario({
  name: 'inbound-email',
  summary: 'incoming mail for several mailboxes, busiest in the morning, quiet at night',
  options: {
    mailboxes: {
      type: 'integer',
      default: 20,
      min: 1,
      max: 1_000_000,
      description: 'mailboxes, each with its own consumers',
    },
    rate: {
      type: 'rate',
      default: '60/d',
      description: 'mean rate of messages to each mailbox over a whole day, like 60/d or 5/h',
    },
    peak: {
      type: 'number',
      default: 10,
      min: 0,
      max: 24,
      description: 'hour of the day (UTC, 0 to 24) at which mail arrives fastest',
    },
    swing: {
      type: 'number',
      default: 0.8,
      min: 0,
      max: 1,
      description: 'how far the rate moves above and below its mean, as a share of it',
    },
  },
  defaults: {
    interval: '1m',
    duration: '1d',
    consumers: 1,
  },
  build({ options, duration, consumers, random }) {
    const end = START + (duration ?? 86_400_000);
    checkEventCount(options.mailboxes * options.rate * (end - START));
    checkConsumerCount(options.mailboxes * consumers);

    const cycle = { rate: options.rate, peakHour: options.peak, swing: options.swing };
    const events = [];
    const readers = [];

    for (let mailbox = 1; mailbox <= options.mailboxes; mailbox++) {
      const key = `mailbox-${mailbox}`;
      const times = dailyCycleTimes(cycle, START, end, random);
      for (const [index, time] of times.entries()) {
        events.push({ time, key, payload: { mailbox, message: index + 1 } });
      }
      for (let copy = 0; copy < consumers; copy++) readers.push({ keys: [key] });
    }

    return { start: START, end, events, consumers: readers };
  },
});
