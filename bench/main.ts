/**
 * The benchmark behind `npm run bench`. Each goal is checked against figures measured in this
 * run. Absolute rates on a shared machine vary from run to run, so each measured piece is also
 * compared with a baseline in the same rounds: the simulator with a bare event loop, the live
 * poll endpoint with a bare fastify route, conditional polls with full ones, the webhook
 * receiver with a bare POST route, and the webhook emitter with a bare undici pool. The
 * built-in scenarios add deterministic figures that check the model. See docs/benchmarks.md.
 */
import { writeFile } from 'node:fs/promises';
import type { BenchmarkEntry } from './compare.ts';
import { compareReports, readReport } from './compare.ts';
import { benchEngine, describeWorkload } from './engine.ts';
import type { Figure } from './figures.ts';
import type { BenchFigures } from './goals.ts';
import { checkGoals } from './goals.ts';
import { describeHttpLoad } from './live-load.ts';
import { benchConditional, benchPoll } from './live-poll.ts';
import { benchReceiver } from './live-receiver.ts';
import type { WebhookFigures } from './live-webhook.ts';
import { benchWebhook, describeWebhookLoad } from './live-webhook.ts';
import { readMachine, withLoadAtEnd } from './machine.ts';
import { renderMarkdown } from './markdown.ts';
import type { BenchOptions, Group } from './options.ts';
import {
  BenchUsageError,
  EXIT_REGRESSION,
  EXIT_USAGE,
  HELP,
  parseBenchOptions,
} from './options.ts';
import { benchCli, benchLargeRun } from './processes.ts';
import type { Profile } from './profiles.ts';
import { FULL, QUICK } from './profiles.ts';
import { benchPushScale } from './push-scale.ts';
import type { BenchReport, Section } from './report.ts';
import { allFigures, renderComparisonText, renderJson, renderText, toEntry } from './report.ts';
import { benchScenarios } from './scenarios.ts';

/** Progress goes to stderr, so that `--json` and `--markdown` leave stdout to the report. */
function progress(message: string): void {
  process.stderr.write(`bench: ${message}\n`);
}

/** The progress line and the measurement of each group. */
const STEPS: Record<Group, (profile: Profile) => [string, () => Promise<Partial<BenchFigures>>]> = {
  engine: (p) => [
    `simulator and bare loop, ${describeWorkload(p.engine)}`,
    async () => ({ engine: await benchEngine(p) }),
  ],
  large: (p) => [
    `${describeWorkload(p.large)} in child processes, and bullpen pushed and polled at ` +
      `${p.pushScale.games} games`,
    async () => ({ large: await benchLargeRun(p), pushScale: await benchPushScale(p) }),
  ],
  cli: (p) => ['bullpen from the command line', async () => ({ cli: await benchCli(p) })],
  poll: (p) => [
    `poll endpoint and bare fastify route, ${describeHttpLoad(p.poll)}`,
    async () => ({ poll: await benchPoll(p) }),
  ],
  conditional: (p) => [
    `conditional polls (304) and full polls (200), ${describeHttpLoad(p.conditional)}`,
    async () => ({ conditional: await benchConditional(p) }),
  ],
  receiver: (p) => [
    `webhook receiver and bare fastify POST route, ${describeHttpLoad(p.receiver)}`,
    async () => ({ receiver: await benchReceiver(p) }),
  ],
  webhook: (p) => [
    `webhook emitter and bare undici Pool, ${describeWebhookLoad(p.webhook)}`,
    async () => ({ webhook: await benchWebhook(p) }),
  ],
  scenarios: () => [
    'every built-in scenario under every strategy, in the simulator',
    async () => ({ scenarios: await benchScenarios() }),
  ],
};

async function measure(profile: Profile, groups: readonly Group[]): Promise<BenchFigures> {
  let figures: BenchFigures = {};

  for (const group of groups) {
    const [label, run] = STEPS[group](profile);
    const started = performance.now();
    progress(label);
    figures = { ...figures, ...(await run()) };
    progress(`${group} took ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  return figures;
}

/** Lists the figures under their report headings, leaving out the groups that did not run. */
function listSections(figures: BenchFigures): Section[] {
  const { engine, large, pushScale, cli, poll, conditional, receiver, webhook, scenarios } =
    figures;
  const loadFigures = (load: typeof poll | typeof conditional | typeof receiver): Figure[] => {
    if (load === undefined) return [];
    const targets = Object.values(load.targets).flatMap((t) => [t.rate, t.p50, t.p99, t.cpu]);
    return [load.ratio, load.cpuRatio, ...targets];
  };

  const sections: Section[] = [
    {
      title: 'Simulator',
      figures: [
        ...(engine === undefined
          ? []
          : [engine.sim, engine.bare, engine.ratio, engine.queue, ...engine.hold]),
        ...(large === undefined ? [] : [large.rate, large.run, large.wall, large.maxRss]),
        ...(pushScale === undefined ? [] : [pushScale.webhook, pushScale.poll, pushScale.ratio]),
        ...(cli === undefined ? [] : [cli.node, cli.npm]),
      ],
    },
    {
      title: 'Live HTTP',
      figures: [
        ...loadFigures(poll),
        ...loadFigures(conditional),
        ...loadFigures(receiver),
        ...(webhook === undefined ? [] : webhookFigures(webhook)),
      ],
    },
    { title: 'Scenarios', figures: scenarios?.figures ?? [] },
  ];
  return sections.filter((section) => section.figures.length > 0);
}

function webhookFigures({ ratio, sender, bare }: WebhookFigures): Figure[] {
  return [ratio, sender.rate, bare.rate, sender.cpu, bare.cpu];
}

/** Writes the report in the chosen format and returns the exit code. */
async function run(options: BenchOptions): Promise<number> {
  const saved = options.compare === undefined ? undefined : await readSaved(options.compare);
  if (saved === null) return EXIT_USAGE;

  const profile = options.quick ? QUICK : FULL;
  const machine = readMachine();
  const measured = await measure(profile, options.groups);
  const report: BenchReport = {
    profile,
    machine: withLoadAtEnd(machine),
    sections: listSections(measured),
    goals: checkGoals(profile, measured),
    ...(measured.scenarios === undefined ? {} : { scenarios: measured.scenarios }),
  };
  const figures = allFigures(report);

  if (options.save !== undefined) await writeFile(options.save, renderJson(figures), 'utf8');
  const compared = compare(report, saved, options);
  print(compared, options);

  return compared.comparison?.result.failed === true ? EXIT_REGRESSION : 0;
}

/** Reads the `--compare` file before measuring, so that a bad path fails at once. */
async function readSaved(file: string): Promise<BenchmarkEntry[] | null> {
  try {
    return await readReport(file);
  } catch (error: unknown) {
    process.stderr.write(`bench: ${(error as Error).message}\n`);
    return null;
  }
}

function compare(
  report: BenchReport,
  saved: BenchmarkEntry[] | undefined,
  options: BenchOptions,
): BenchReport {
  if (saved === undefined || options.compare === undefined) return report;

  const current = allFigures(report).map(toEntry);
  const result = compareReports(saved, current, options.tolerance);
  return { ...report, comparison: { file: options.compare, result } };
}

function print(report: BenchReport, options: BenchOptions): void {
  if (options.format === 'markdown') {
    process.stdout.write(renderMarkdown(report));
    return;
  }
  if (options.format === 'text') {
    process.stdout.write(renderText(report));
    return;
  }

  process.stdout.write(renderJson(allFigures(report)));
  if (report.comparison !== undefined) {
    // stdout carries only the JSON, so the comparison goes where progress goes.
    const { file, result } = report.comparison;
    process.stderr.write(`${renderComparisonText(file, result)}\n`);
  }
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
  return run(options).then((code) => {
    process.exitCode = code;
  });
}

// A failed measurement keeps its stack, because it points at a bug rather than at the caller.
main(process.argv.slice(2))?.catch((error: unknown) => {
  process.stderr.write(`bench: measurement failed\n${String((error as Error)?.stack ?? error)}\n`);
  process.exitCode = 1;
});
