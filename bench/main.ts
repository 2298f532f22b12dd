/**
 * The benchmark behind `npm run bench`. Each goal is checked against figures measured in this
 * run. Absolute rates on a shared machine vary from run to run, so each measured piece is also
 * compared with a baseline in the same rounds: the simulator with a bare event loop, the live
 * poll endpoint with a bare fastify route, and the webhook emitter with a bare undici pool.
 * See docs/benchmarks.md.
 */
import { benchEngine, describeWorkload } from './engine.ts';
import type { Figure } from './figures.ts';
import type { BenchFigures } from './goals.ts';
import { checkGoals } from './goals.ts';
import { benchPoll, describePollLoad } from './live-poll.ts';
import { benchWebhook, describeWebhookLoad } from './live-webhook.ts';
import type { BenchOptions } from './options.ts';
import { BenchUsageError, EXIT_USAGE, HELP, parseBenchOptions } from './options.ts';
import { benchCli, benchLargeRun } from './processes.ts';
import type { Profile } from './profiles.ts';
import { FULL, QUICK } from './profiles.ts';
import { renderJson, renderText } from './report.ts';

/** Progress goes to stderr, so that `--json` leaves stdout to the JSON alone. */
function progress(message: string): void {
  process.stderr.write(`bench: ${message}\n`);
}

async function measure(profile: Profile): Promise<BenchFigures> {
  progress(`simulator and bare loop, ${describeWorkload(profile.engine)}`);
  const engine = await benchEngine(profile);

  progress(`${describeWorkload(profile.large)} in child processes`);
  const large = await benchLargeRun(profile);

  progress('bullpen from the command line');
  const cli = await benchCli(profile);

  progress(`poll endpoint and bare fastify route, ${describePollLoad(profile.poll)}`);
  const poll = await benchPoll(profile);

  progress(`webhook emitter and bare undici Pool, ${describeWebhookLoad(profile.webhook)}`);
  const webhook = await benchWebhook(profile);

  return { engine, large, cli, poll, webhook };
}

function listFigures({ engine, large, cli, poll, webhook }: BenchFigures): Figure[] {
  return [
    engine.sim,
    engine.bare,
    engine.ratio,
    engine.queue,
    large.rate,
    large.run,
    large.wall,
    large.maxRss,
    cli.node,
    cli.npm,
    poll.producer.rate,
    poll.bare.rate,
    poll.ratio,
    poll.cpuRatio,
    poll.producer.p50,
    poll.producer.p99,
    poll.bare.p50,
    poll.bare.p99,
    poll.producer.cpu,
    poll.bare.cpu,
    webhook.sender.rate,
    webhook.bare.rate,
    webhook.ratio,
    webhook.sender.cpu,
    webhook.bare.cpu,
  ];
}

async function run(options: BenchOptions): Promise<void> {
  const profile = options.quick ? QUICK : FULL;
  const measured = await measure(profile);
  const figures = listFigures(measured);

  if (options.json) {
    process.stdout.write(renderJson(figures));
    return;
  }
  process.stdout.write(renderText(profile, figures, checkGoals(profile, measured)));
}

function main(argv: readonly string[]): Promise<void> | undefined {
  let options: BenchOptions;

  try {
    options = parseBenchOptions(argv);
  } catch (error: unknown) {
    if (!(error instanceof BenchUsageError)) throw error;
    process.stderr.write(`bench: ${error.message}\n`);
    process.exitCode = EXIT_USAGE;
    return undefined;
  }

  if (options.help) {
    process.stdout.write(HELP);
    return undefined;
  }
  return run(options);
}

// A failed measurement keeps its stack, because it points at a bug rather than at the caller.
main(process.argv.slice(2))?.catch((error: unknown) => {
  process.stderr.write(`bench: measurement failed\n${String((error as Error)?.stack ?? error)}\n`);
  process.exitCode = 1;
});
