/**
 * An email service reports what happens to each message it sends: processed when it accepts
 * the message, then delivered or bounced, then perhaps opened and clicked. Each event's key is
 * its type and the recipient or message it is about, such as `bounced/rcpt-5` or
 * `bounced/msg-17`, so a consumer can ask for bounces alone. The default consumer wants only
 * bounces, and wants them quickly, to stop mailing an address that does not exist.
 *
 * Sources: the event types are those of the SendGrid Event Webhook (Twilio SendGrid, "Event
 * Webhook Reference"): processed, delivered, bounce, open and click, named here as states. The
 * shares are Mailchimp's averages for all accounts without an industry label, from "Email
 * Marketing Benchmarks and Metrics by Industry" (data last updated October 2019). Of the
 * messages delivered, 22.71% were opened and 2.91% clicked, and 0.40% of messages were hard
 * and 0.61% soft bounces, 1.01% in all. The sending rate
 * of 100 messages an hour and every delay are assumptions: a few seconds to deliver, half a
 * minute to bounce, hours to open and a minute from opening to clicking.
 */
import type { Distribution } from '../src/engine/distributions.ts';
import { sample } from '../src/engine/distributions.ts';
import { chance, poissonTimes } from '../src/engine/processes.ts';
import type { Random } from '../src/engine/random.ts';
import { invalidOption } from '../src/errors.ts';
import type { EventInput } from '../src/model/event-log.ts';
import { defineScenario } from '../src/model/scenario.ts';
import type { ConsumerSpec } from '../src/model/world.ts';
import { readChoice } from '../src/runtime/knob-readers.ts';
import { checkConsumerCount, checkEventCount } from '../src/runtime/run-size.ts';

/** Midnight UTC, Monday 2 March 2026. */
const START = Date.UTC(2026, 2, 2);

export default defineScenario({
  name: 'email-events',
  summary: 'an email service reporting delivered, opened, clicked and bounced messages',
  options: {
    rate: {
      type: 'rate',
      default: '100/h',
      description: 'mean rate of messages sent, written like 100/h or 2/min',
    },
    keyBy: {
      type: 'string',
      default: 'recipient',
      placeholder: 'WORD',
      description: 'what each key names after its event type: recipient or message',
    },
    recipients: {
      type: 'integer',
      default: 200,
      min: 1,
      max: 1_000_000,
      description: 'distinct recipients; each message goes to one of them at random',
    },
    want: {
      type: 'string',
      default: 'bounces',
      placeholder: 'WORD',
      description: 'what each consumer wants: bounces, or all events',
    },
    bounce: {
      type: 'number',
      default: 0.0101,
      min: 0,
      max: 1,
      description: 'share of messages that bounce instead of being delivered',
    },
    open: {
      type: 'number',
      default: 0.2271,
      min: 0,
      max: 1,
      description: 'share of delivered messages that are opened',
    },
    click: {
      type: 'number',
      default: 0.0291,
      min: 0,
      max: 1,
      description: 'share of delivered messages that are clicked, at most the share opened',
    },
    deliverDelay: {
      type: 'distribution',
      default: 'lognormal(5s, 10s)',
      description: 'time from processed to delivered',
    },
    bounceDelay: {
      type: 'distribution',
      default: 'lognormal(30s, 60s)',
      description: 'time from processed to bounced',
    },
    openDelay: {
      type: 'distribution',
      default: 'lognormal(2h, 4h)',
      description: 'time from delivered to opened',
    },
    clickDelay: {
      type: 'distribution',
      default: 'lognormal(1m, 2m)',
      description: 'time from opened to clicked',
    },
  },
  defaults: {
    interval: '1m',
    duration: '1d',
    consumers: 1,
  },
  build({ options, duration, consumers, random }) {
    const keyBy = readChoice('--key-by', options.keyBy, ['recipient', 'message']);
    const want = readChoice('--want', options.want, ['bounces', 'all']);
    if (options.click > options.open) {
      throw invalidOption('--click', String(options.click), `at most --open (${options.open})`);
    }

    const end = START + (duration ?? 86_400_000);
    checkEventCount(options.rate * (end - START) * (2 + options.open + options.click));
    checkConsumerCount(consumers);

    const sends = poissonTimes(options.rate, START, end, random);
    const messages = sends.map((time, index) => ({
      id: `msg-${index + 1}`,
      recipient: `rcpt-${1 + Math.floor(random.next() * options.recipients)}`,
      time,
    }));
    // Opens and clicks that would come after the window closes are left out, as a run that
    // stopped then would never see them.
    const events = messages
      .flatMap((message) => drawMessageEvents(message, { ...options, keyBy }, random))
      .filter((event) => event.time < end);

    const units =
      keyBy === 'message'
        ? messages.map((message) => message.id)
        : Array.from({ length: options.recipients }, (_, index) => `rcpt-${index + 1}`);
    // NOTE: a live run sends these keys in each poll's query string and refuses a consumer
    // whose keys pass 8,000 bytes, about 500 message keys: --key-by message then needs a
    // short --duration.
    const spec: ConsumerSpec =
      want === 'all' ? {} : { keys: units.map((unit) => `bounced/${unit}`) };

    return { start: START, end, events, consumers: Array.from({ length: consumers }, () => spec) };
  },
});

interface Message {
  readonly id: string;
  readonly recipient: string;
  /** When the service accepted the message, in ms since the Unix epoch. */
  readonly time: number;
}

interface MessageOptions {
  readonly keyBy: 'message' | 'recipient';
  readonly bounce: number;
  readonly open: number;
  readonly click: number;
  readonly deliverDelay: Distribution;
  readonly bounceDelay: Distribution;
  readonly openDelay: Distribution;
  readonly clickDelay: Distribution;
}

/**
 * Draws the events of one message. The open and click shares are of delivered messages, as
 * Mailchimp counts them, so an opened message is clicked with probability click / open.
 */
function drawMessageEvents(message: Message, options: MessageOptions, random: Random) {
  const unit = options.keyBy === 'message' ? message.id : message.recipient;
  const payload = { message: message.id, recipient: message.recipient };
  const event = (type: string, time: number): EventInput => ({
    time,
    key: `${type}/${unit}`,
    payload: { ...payload, event: type },
  });

  const events = [event('processed', message.time)];
  if (chance(options.bounce, random)) {
    events.push(event('bounced', message.time + sample(options.bounceDelay, random)));
    return events;
  }

  const delivered = message.time + sample(options.deliverDelay, random);
  events.push(event('delivered', delivered));
  if (!chance(options.open, random)) return events;

  const opened = delivered + sample(options.openDelay, random);
  events.push(event('opened', opened));
  if (!chance(options.click / options.open, random)) return events;

  events.push(event('clicked', opened + sample(options.clickDelay, random)));
  return events;
}
