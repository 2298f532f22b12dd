import type { EngineFigures } from './engine.ts';
import type { Figure } from './figures.ts';
import type { ConditionalFigures, PollFigures } from './live-poll.ts';
import type { ReceiverFigures } from './live-receiver.ts';
import type { WebhookFigures } from './live-webhook.ts';
import type { CliFigures, LargeRunFigures } from './processes.ts';
import type { Profile } from './profiles.ts';
import type { PushScaleFigures } from './push-scale.ts';
import type { ScenarioFigures } from './scenarios.ts';

/** The outcome of one goal, judged on the median of its figure. */
export interface GoalCheck {
  readonly goal: string;
  readonly status: 'met' | 'not met' | 'not evaluated';
  readonly detail: string;
}

const ENGINE_MIN_RATE = 4_000_000;
const ENGINE_MIN_RATIO = 0.5;
const LARGE_MAX_WALL_S = 5;
const LARGE_MAX_RSS_MB = 400;
const BULLPEN_MAX_WALL_S = 1;
const POLL_MIN_RATIO = 0.9;
const WEBHOOK_MIN_RATIO = 0.8;

/** Measured figures, grouped as the benchmark runs them; a group that did not run is absent. */
export interface BenchFigures {
  readonly engine?: EngineFigures;
  readonly large?: LargeRunFigures;
  readonly pushScale?: PushScaleFigures;
  readonly cli?: CliFigures;
  readonly poll?: PollFigures;
  readonly conditional?: ConditionalFigures;
  readonly receiver?: ReceiverFigures;
  readonly webhook?: WebhookFigures;
  readonly scenarios?: ScenarioFigures;
}

/**
 * Judges each goal whose group ran. The engine and large-run goals are stated for the full
 * profile's sizes, so the quick profile reports them as not evaluated and only shows its own
 * figures. The live goals compare two servers or clients under the same load, which both
 * profiles apply, so they are judged in both.
 */
export function checkGoals(profile: Profile, figures: BenchFigures): GoalCheck[] {
  return [
    ...checkEngineGoals(profile, figures),
    ...checkCliGoals(figures),
    ...checkLiveGoals(figures),
  ];
}

function checkEngineGoals(profile: Profile, { engine, large }: BenchFigures): GoalCheck[] {
  const sized = profile.name === 'full';
  const checks: GoalCheck[] = [];

  if (engine !== undefined) {
    checks.push(
      judge('sim at 1,000 consumers: at least 4 M events/s', engine.sim, ENGINE_MIN_RATE, sized),
      judge(
        'sim at 1,000 consumers: at least 0.5 of the bare loop',
        engine.ratio,
        ENGINE_MIN_RATIO,
        sized,
      ),
    );
  }
  if (large !== undefined) {
    checks.push(
      judge(
        '100,000 consumers x 100 s: under 5 s wall',
        large.wall,
        LARGE_MAX_WALL_S,
        sized,
        `simulate() alone ${format(large.run)}`,
      ),
      judge(
        '100,000 consumers x 100 s: under 400 MB peak RSS',
        large.maxRss,
        LARGE_MAX_RSS_MB,
        sized,
      ),
    );
  }
  return checks;
}

function checkCliGoals({ cli }: BenchFigures): GoalCheck[] {
  if (cli === undefined) return [];
  return [
    judge('bullpen through node: under 1 s wall', cli.node, BULLPEN_MAX_WALL_S, true),
    judge('bullpen through npm run -s: under 1 s wall', cli.npm, BULLPEN_MAX_WALL_S, true),
  ];
}

function checkLiveGoals({ poll, webhook }: BenchFigures): GoalCheck[] {
  const checks: GoalCheck[] = [];

  if (poll !== undefined) {
    const { producer, bare } = poll.targets;
    const rates =
      `producer ${format(producer.rate)}, bare ${format(bare.rate)}; ` +
      `per server CPU second ${format(poll.cpuRatio)}`;
    checks.push(
      judge(
        'poll endpoint: at least 0.9 of the requests/s of a bare fastify route',
        poll.ratio,
        POLL_MIN_RATIO,
        true,
        rates,
      ),
    );
  }
  if (webhook !== undefined) {
    const rates = `sender ${format(webhook.sender.rate)}, bare ${format(webhook.bare.rate)}`;
    checks.push(
      judge(
        'webhook emitter: at least 0.8 of the deliveries/s of a bare undici Pool',
        webhook.ratio,
        WEBHOOK_MIN_RATIO,
        true,
        rates,
      ),
    );
  }
  return checks;
}

/** Compares a figure's median with a bound: a floor for bigger-is-better, else a ceiling. */
function judge(
  goal: string,
  figure: Figure,
  bound: number,
  applies: boolean,
  context?: string,
): GoalCheck {
  const met = figure.direction === 'bigger' ? figure.value >= bound : figure.value < bound;
  const sizes = applies ? '' : ' at --quick sizes';
  const detail = [`measured ${format(figure)}${sizes}`, context].filter(Boolean).join('; ');

  if (!applies) return { goal, status: 'not evaluated', detail };
  return { goal, status: met ? 'met' : 'not met', detail };
}

/** Formats a figure's median with its unit, such as "3.12 M events/s"; a ratio has no unit. */
export function format(figure: Figure): string {
  const value = formatValue(figure.unit, figure.value);
  return figure.unit === 'ratio' ? value : `${value} ${figure.unit}`;
}

/** Units of the live figures, whose rates are in the thousands and read best in full. */
const WHOLE_RATE_UNITS = new Set(['requests/s', 'deliveries/s']);

/**
 * Formats a value for reading: simulator rates in millions, HTTP rates and request counts in
 * whole units, times to the ms (the latencies and CPU times to a tenth), sizes in whole MB.
 */
export function formatValue(unit: string, value: number): string {
  if (WHOLE_RATE_UNITS.has(unit) || unit === 'requests') {
    return Math.round(value).toLocaleString('en-US');
  }
  if (unit.endsWith('/s')) return `${(value / 1e6).toFixed(2)} M`;
  if (unit === 'ms' || unit.startsWith('µs/')) return value.toFixed(1);
  if (unit === 's') return value.toFixed(3);
  if (unit === 'MB') return value.toFixed(0);
  return value.toFixed(3);
}
