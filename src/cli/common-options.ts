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
    description:
      'number of consumers that want the news; each scenario defines what it counts them per',
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
    flag: '--mode',
    key: 'mode',
    value: 'sim|live',
    description:
      'sim: a virtual clock, fast and exact; live: real HTTP on 127.0.0.1 with real timers',
    default: 'sim',
  },
  {
    flag: '--time-scale',
    key: 'timeScale',
    value: 'N|auto',
    description:
      'live mode: scenario ms per real ms, such as 600 for ten minutes a second; auto runs ' +
      'each strategy in about 5 s; reports stay in scenario time',
    default: 'auto',
  },
  {
    flag: '--compare',
    key: 'compare',
    description: 'run sim and live with the same seed and print them side by side',
  },
  {
    flag: '--producer-port',
    key: 'producerPort',
    value: 'PORT',
    description: 'live mode: port of the producer API on 127.0.0.1; 0 picks a free one',
    default: '0',
  },
  {
    flag: '--receiver-port',
    key: 'receiverPort',
    value: 'PORT',
    description: 'live mode: port of the webhook receiver on 127.0.0.1; 0 picks a free one',
    default: '0',
  },
  {
    flag: '--allow-remote',
    key: 'allowRemote',
    description: 'live mode: let the producer accept webhook URLs on hosts other than loopback',
  },
  {
    flag: '--load',
    key: 'load',
    description:
      'instead of a run, point autocannon at the producer poll endpoint with one connection ' +
      'per consumer and report the requests/s and latency it sustains',
  },
  {
    flag: '--load-duration',
    key: 'loadDuration',
    value: 'DURATION',
    description: 'how long --load lasts, in real time',
    default: '5s',
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
