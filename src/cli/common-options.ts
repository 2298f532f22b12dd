import { PRICE_PRESETS } from '../model/price-presets.ts';
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

const PRESET_NAMES = PRICE_PRESETS.map((preset) => preset.name).join(', ');

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
    flag: '--cost-per-request',
    key: 'costPerRequest',
    value: 'PRICE',
    description:
      'price of one request, such as 0.0000004, or per million, such as 0.40/M; adds a cost ' +
      'table and the break-even event rate (docs/costs.md)',
  },
  {
    flag: '--cost-per-delivery',
    key: 'costPerDelivery',
    value: 'PRICE',
    description: 'price of one delivery (one push, retries included), written like the above',
  },
  {
    flag: '--cost-preset',
    key: 'costPreset',
    value: 'NAME',
    description: `both prices from a public price list: ${PRESET_NAMES}`,
  },
  {
    flag: '--sweep',
    key: 'sweep',
    value: 'NAME=FROM..TO',
    description:
      'run the scenario once for each of --steps values of NAME from FROM to TO, with the same ' +
      'seed, and print a row per value and strategy, such as interval=30s..30m. NAME is ' +
      'interval, consumers, duration, latency, or an option of the scenario or a strategy or ' +
      "fault option that takes a number, a duration or a rate, as the scenario's --help lists",
  },
  {
    flag: '--steps',
    key: 'steps',
    value: 'N',
    description:
      'values a sweep runs, FROM and TO included, from 2 to 100; the values between are ' +
      'rounded to three significant digits, or to whole numbers for counts',
    default: '7',
  },
  {
    flag: '--spacing',
    key: 'spacing',
    value: 'log|linear',
    description:
      'how a sweep spreads its values: log gives each step the same ratio, linear the same ' +
      'difference',
    default: 'log when FROM is above zero and TO is more than 10 times FROM, else linear',
  },
  {
    flag: '--threads',
    key: 'threads',
    value: 'N',
    description:
      "worker threads that run a sweep's values at once; 0 runs them one after another in " +
      'the main thread, which saves the second or so each worker takes to start',
    default: 'one per core, at most one per value; 0 on a single core',
  },
  {
    flag: '--timeline',
    key: 'timeline',
    description:
      'simulation only: print every message of the run under the table (or put it in --json), ' +
      'one line each with its scenario time in UTC; at most 2,000 lines per strategy',
  },
  {
    flag: '--report',
    key: 'report',
    value: 'FILE',
    description:
      'simulation only: also write an HTML report to FILE, one self-contained page with charts ' +
      'of the run (the conversation of consumer 0, latency distributions, load over time) or ' +
      'of a sweep (the trade-off and, with prices, cost curves), and the command that repeats it',
  },
  {
    flag: '--json',
    key: 'json',
    description: 'print one JSON object on stdout instead of the table',
  },
  {
    flag: '--csv',
    key: 'csv',
    description:
      'print CSV on stdout instead of the table: a header row, then a row per strategy, or ' +
      'per value and strategy for a sweep, with numbers unformatted and durations in ms',
  },
  {
    flag: '--markdown',
    key: 'markdown',
    description: 'print a GitHub-flavoured Markdown table on stdout instead of the table',
  },
  {
    flag: '--help',
    key: 'help',
    description: 'show this help',
  },
];
