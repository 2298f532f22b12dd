import type { Distribution } from '../engine/distributions.ts';
import { PollVsPushError } from '../errors.ts';
import type { Faults, TimeWindow } from '../model/faults.ts';
import { NO_FAULTS } from '../model/faults.ts';
import { readDistribution, readDuration, readInteger } from '../model/option-values.ts';
import type { StrategyTuning } from '../strategies/tuning.ts';
import { DEFAULT_TUNING } from '../strategies/tuning.ts';
import {
  readChoice,
  readDurationList,
  readFraction,
  readRateLimit,
  readWindows,
} from './knob-readers.ts';

type Writable<T> = { -readonly [K in keyof T]: T[K] extends object ? Writable<T[K]> : T[K] };

interface Draft {
  tuning: Writable<StrategyTuning>;
  faults: Writable<Faults>;
}

/** A strategy or fault option: its flag, its help and how it changes the run. */
export interface Knob {
  readonly key: string;
  readonly flag: string;
  readonly value: string;
  readonly group: 'strategy' | 'fault';
  readonly description: string;
  readonly default: string;
  apply(draft: Draft, text: string): void;
}

/** A run's strategy knobs and faults; fault times are offsets from the window's start. */
export interface Knobs {
  readonly tuning: StrategyTuning;
  readonly faults: Faults;
}

const ms = (flag: string, text: string) => readDuration(flag, text, true);
const distribution = (flag: string, text: string): Distribution => readDistribution(flag, text);

/** Every strategy and fault option, in the order `--help` lists them. */
export const KNOBS: readonly Knob[] = [
  knob(
    'jitter',
    'X',
    'strategy',
    'poll-jitter: the share of the interval each poll moves, 0 to 1',
    '0.25',
    (d, t, f) => {
      d.tuning.jitter = readFraction(f, t);
    },
  ),
  knob(
    'backoffBase',
    'DURATION',
    'strategy',
    'poll-backoff: the first wait; also the first reconnect wait of long-poll, sse and websocket',
    'the interval; 1s for reconnects',
    (d, t, f) => {
      d.tuning.backoff.baseMs = readDuration(f, t);
    },
  ),
  knob('backoffCap', 'DURATION', 'strategy', 'the longest backoff wait', '5m', (d, t, f) => {
    d.tuning.backoff.capMs = readDuration(f, t);
  }),
  knob(
    'backoffJitter',
    'MODE',
    'strategy',
    'how backoff waits are spread: none, full, equal or decorrelated',
    'equal',
    (d, t, f) => {
      d.tuning.backoff.jitter = readChoice(f, t, ['none', 'full', 'equal', 'decorrelated']);
    },
  ),
  knob(
    'hold',
    'DURATION',
    'strategy',
    'long-poll: how long the producer holds a request',
    '30s',
    (d, t, f) => {
      d.tuning.holdMs = readDuration(f, t);
    },
  ),
  knob(
    'reconcile',
    'DURATION',
    'strategy',
    'hybrid: time between reconciliation polls',
    '5m',
    (d, t, f) => {
      d.tuning.reconcileMs = readDuration(f, t);
    },
  ),
  knob(
    'retrySchedule',
    'LIST',
    'strategy',
    'webhook and hybrid: waits before each retry, or none',
    '5s,5m,30m,2h,5h,10h,10h',
    (d, t, f) => {
      d.tuning.retry.scheduleMs = readDurationList(f, t);
    },
  ),
  knob(
    'retryJitter',
    'X',
    'strategy',
    'the share each retry wait moves either way, 0 to 1',
    '0.2',
    (d, t, f) => {
      d.tuning.retry.jitter = readFraction(f, t);
    },
  ),
  knob(
    'deliveryTimeout',
    'DURATION',
    'strategy',
    'how long the sender waits for a 2xx before the attempt fails',
    '15s',
    (d, t, f) => {
      d.tuning.retry.timeoutMs = readDuration(f, t);
    },
  ),
  knob(
    'disableAfter',
    'DURATION',
    'strategy',
    'the sender disables an endpoint that has failed this long without a success',
    '5d',
    (d, t, f) => {
      d.tuning.retry.disableAfterMs = readDuration(f, t);
    },
  ),
  knob(
    'requestTimeout',
    'DURATION',
    'strategy',
    'how long a consumer waits for a response before it gives up on it',
    '30s',
    (d, t, f) => {
      d.tuning.requestTimeoutMs = readDuration(f, t);
    },
  ),
  knob(
    'ack',
    'first|after',
    'strategy',
    'the webhook receiver replies first and then works, or only after its work',
    'first',
    (d, t, f) => {
      d.tuning.ack = readChoice(f, t, ['first', 'after']);
    },
  ),
  knob('work', 'DURATION', 'strategy', 'time the receiver works on each push', '0', (d, t, f) => {
    d.tuning.workMs = ms(f, t);
  }),
  knob(
    'dedupe',
    'on|off',
    'strategy',
    'the consumer drops an event it already handled, by its id',
    'on',
    (d, t, f) => {
      d.tuning.dedupe = readChoice(f, t, ['on', 'off']) === 'on';
    },
  ),
  knob('loss', 'X', 'fault', 'share of messages the network loses, 0 to 1', '0', (d, t, f) => {
    d.faults.network.loss = readFraction(f, t);
  }),
  knob(
    'reorder',
    'X',
    'fault',
    'share of messages held back by --reorder-delay, 0 to 1',
    '0',
    (d, t, f) => {
      d.faults.network.reorder = readFraction(f, t);
    },
  ),
  knob(
    'reorderDelay',
    'DISTRIBUTION',
    'fault',
    'the extra delay of a held-back message',
    'uniform(0ms, 1s)',
    (d, t, f) => {
      d.faults.network.reorderDelay = distribution(f, t);
    },
  ),
  knob(
    'downtime',
    'SPANS',
    'fault',
    'spans after the window opens when the receiver refuses connections, such as 100s..160s',
    'none',
    (d, t, f) => {
      d.faults.consumer.downtime = readWindows(f, t);
    },
  ),
  knob(
    'errorRate',
    'X',
    'fault',
    'share of pushes the receiver answers with 500, 0 to 1',
    '0',
    (d, t, f) => {
      d.faults.consumer.errorRate = readFraction(f, t);
    },
  ),
  knob(
    'replyDelay',
    'DISTRIBUTION',
    'fault',
    'extra time before the receiver replies',
    '0',
    (d, t, f) => {
      d.faults.consumer.replyDelay = distribution(f, t);
    },
  ),
  knob(
    'outage',
    'SPANS',
    'fault',
    'spans when the producer answers 503 and drops open connections, such as 60m..65m',
    'none',
    (d, t, f) => {
      d.faults.producer.outage = readWindows(f, t);
    },
  ),
  knob(
    'rateLimit',
    'N/DURATION',
    'fault',
    'requests a consumer may make per span before 429, such as 10/min',
    'none',
    (d, t, f) => {
      if (t.trim() === 'none') return;
      const limit = readRateLimit(f, t);
      d.faults.producer.rateLimit = limit.count;
      d.faults.producer.rateLimitWindowMs = limit.windowMs;
    },
  ),
  knob(
    'retryAfter',
    'DURATION',
    'fault',
    'the ban a 429 announces in Retry-After; a retry during it starts it again',
    '60s',
    (d, t, f) => {
      d.faults.producer.retryAfterMs = readDuration(f, t);
    },
  ),
  knob(
    'retryAfterForm',
    'seconds|date',
    'fault',
    'how the producer writes Retry-After',
    'seconds',
    (d, t, f) => {
      d.faults.producer.retryAfterForm = readChoice(f, t, ['seconds', 'date']);
    },
  ),
  knob(
    'pollIntervalHint',
    'DURATION',
    'fault',
    'the interval the producer asks for in X-Poll-Interval',
    'none',
    (d, t, f) => {
      if (t.trim() !== 'none') d.faults.producer.pollIntervalHintMs = readDuration(f, t);
    },
  ),
  knob(
    'replay',
    'N',
    'fault',
    'events a stream can replay to a client that resumes',
    '1000',
    (d, t, f) => {
      d.faults.producer.replay = readInteger(f, t, 0);
    },
  ),
  knob(
    'streamDrops',
    'LIST',
    'fault',
    'times after the window opens when the producer drops every stream, such as 1h,2h',
    'none',
    (d, t, f) => {
      d.faults.producer.streamDrops = readDurationList(f, t, true);
    },
  ),
  knob(
    'idleCut',
    'DURATION',
    'fault',
    'a proxy cuts a connection that carried nothing for this long',
    'none',
    (d, t, f) => {
      if (t.trim() !== 'none') d.faults.idleCutMs = readDuration(f, t);
    },
  ),
  knob(
    'duplicateRate',
    'X',
    'fault',
    'chance of each of up to 3 extra copies of a push, 0 to 1',
    '0',
    (d, t, f) => {
      d.faults.emitter.duplicateRate = readFraction(f, t);
    },
  ),
  knob(
    'lateCopy',
    'DISTRIBUTION',
    'fault',
    'how long after the original an extra copy goes',
    '0',
    (d, t, f) => {
      d.faults.emitter.lateCopy = distribution(f, t);
    },
  ),
];

function knob(
  key: string,
  value: string,
  group: Knob['group'],
  description: string,
  defaultText: string,
  apply: (draft: Draft, text: string, flag: string) => void,
): Knob {
  const flag = `--${key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
  return {
    key,
    flag,
    value,
    group,
    description,
    default: defaultText,
    apply: (draft, text) => apply(draft, text, flag),
  };
}

/**
 * Checks the strategy and fault options a scenario sets as defaults: each key must name an
 * option of its group, so a typo fails loudly instead of being ignored.
 */
export function checkScenarioKnobs(
  scenario: string,
  tuning: Readonly<Record<string, string>> = {},
  faults: Readonly<Record<string, string>> = {},
): void {
  const groups: [string, Knob['group'], Readonly<Record<string, string>>][] = [
    ['tuning', 'strategy', tuning],
    ['faults', 'fault', faults],
  ];

  for (const [field, group, texts] of groups) {
    const known = KNOBS.filter((entry) => entry.group === group).map((entry) => entry.key);
    const unknown = Object.keys(texts).find((key) => !known.includes(key));
    if (unknown !== undefined) {
      throw new PollVsPushError(
        'PVP_INVALID_SCENARIO',
        `scenario '${scenario}' sets an unknown option '${unknown}' in defaults.${field}; ` +
          `use one of: ${known.join(', ')}`,
      );
    }
  }
}

/**
 * Reads the strategy and fault options from their texts by key; absent ones keep their
 * defaults. Fault times stay offsets from the window's start until `placeFaults`.
 */
export function resolveKnobs(texts: Readonly<Record<string, string | undefined>>): Knobs {
  const draft: Draft = structuredClone({ tuning: DEFAULT_TUNING, faults: NO_FAULTS }) as Draft;

  for (const entry of KNOBS) {
    const text = texts[entry.key];
    if (text !== undefined) entry.apply(draft, text);
  }

  return draft;
}

/** Turns a run's fault times from offsets into scenario times, given when the window opens. */
export function placeFaults(faults: Faults, windowStart: number): Faults {
  const shift = (windows: readonly TimeWindow[]) =>
    windows.map((window) => ({ start: windowStart + window.start, end: windowStart + window.end }));

  return {
    ...faults,
    consumer: { ...faults.consumer, downtime: shift(faults.consumer.downtime) },
    producer: {
      ...faults.producer,
      outage: shift(faults.producer.outage),
      streamDrops: faults.producer.streamDrops.map((offset) => windowStart + offset),
    },
  };
}

/** Every knob's text that differs from its default, for the report's list of options. */
export function knobTexts(
  texts: Readonly<Record<string, string | undefined>>,
): Record<string, string> {
  const result: Record<string, string> = {};
  for (const entry of KNOBS) {
    const text = texts[entry.key];
    if (text !== undefined) result[entry.key] = text;
  }
  return result;
}
