import { BASE_DEFAULTS } from '../runtime/settings.ts';
import { STRATEGIES } from '../strategies/index.ts';

/** An option every scenario takes, as `--help` documents it. */
export interface CommonOption {
  readonly flag: string;
  readonly key: string;
  readonly value?: string;
  readonly description: string;
  /** The default when the scenario sets none. */
  readonly default?: string;
}

/** The options of every run, in the order `--help` lists them. */
export const COMMON_OPTIONS: readonly CommonOption[] = [
  {
    flag: '--strategies',
    key: 'strategies',
    value: 'LIST',
    description: `comma-separated strategies to run: ${[...STRATEGIES.keys()].join(', ')}`,
    default: BASE_DEFAULTS.strategies,
  },
  {
    flag: '--interval',
    key: 'interval',
    value: 'DURATION',
    description:
      'time between polls, such as 30s or 2m, or a distribution of times such as ' +
      'uniform(20s, 40s) or exp(30s)',
    default: BASE_DEFAULTS.interval,
  },
  {
    flag: '--consumers',
    key: 'consumers',
    value: 'N',
    description: 'consumers that want the news (the scenario says per what)',
    default: BASE_DEFAULTS.consumers,
  },
  {
    flag: '--duration',
    key: 'duration',
    value: 'DURATION',
    description: 'length of the window in which events happen, such as 3h or 1d',
  },
  {
    flag: '--latency',
    key: 'latency',
    value: 'DURATION',
    description:
      'one-way network delay of each message, such as 50ms, or a distribution such as ' +
      'lognormal(50ms, 20ms); 0 means none',
    default: BASE_DEFAULTS.latency,
  },
  {
    flag: '--seed',
    key: 'seed',
    value: 'N',
    description: 'seed of every random draw, a whole number from 0 to 4294967295',
    default: BASE_DEFAULTS.seed,
  },
  {
    flag: '--align',
    key: 'align',
    value: 'random|epoch',
    description:
      'random: each consumer polls at its own random phase; epoch: at every whole multiple ' +
      'of the interval since the Unix epoch, as a cron job would',
    default: BASE_DEFAULTS.align,
  },
  {
    flag: '--json',
    key: 'json',
    description: 'print one JSON object on stdout instead of the table',
  },
  {
    flag: '--help',
    key: 'help',
    description: 'show this help',
  },
];
