import { formatCount, wrap } from '../report/format.ts';
import type { FigureUnit, TheoryCheck } from './check.ts';
import { passes, relativeError, STANDARD_ERRORS_ALLOWED } from './check.ts';
import { MAX_TAIL_PROBABILITY } from './standard-errors.ts';

/** Width of the prose lines in the generated file, so it reads well as plain text too. */
const TEXT_WIDTH = 96;

/** Share of polls that found news in Zapier's REST Hooks figures: 1.5% of about 30 million. */
const FIELD_NEWS_SHARE = 0.015;

/**
 * Renders docs/validation.md from the checks. The text contains no date, timing or machine detail,
 * so the same checks always give the same bytes.
 */
export function renderValidationDoc(checks: readonly TheoryCheck[]): string {
  const blocks = [...renderIntro(checks), renderTable(checks), NAVIGATION];
  return `${blocks.join('\n\n')}\n`;
}

/** The line at the foot of every docs page that links the other pages. */
const NAVIGATION = [
  'Docs: [README](../README.md) · [tutorial](tutorial.md) · [concepts](concepts.md) ·',
  '[strategies](strategies.md) · [scenarios](scenarios.md) · [custom scenarios](custom-scenarios.md) ·',
  '[metrics](metrics.md) · [costs](costs.md) · [sweeps](sweeps.md) · [reports](reports.md) ·',
  '[live mode](live-mode.md) · **validation** · [benchmarks](benchmarks.md) ·',
  '[errors](errors.md)',
].join('\n');

function renderIntro(checks: readonly TheoryCheck[]): string[] {
  const passed = checks.filter(passes).length;

  return [
    '# Validation: the simulator against theory',
    paragraph(
      'A teaching tool must teach true numbers, so this page runs the simulator on worlds whose ' +
        'figures have closed forms and compares the two. Each row is one figure of one ' +
        'simulated run. The figures are the mean and max notification delay of polling at a ' +
        'fixed interval, the share of empty polls and the polls per event under Poisson ' +
        'events, the mean delay of polling at random intervals and with jitter, the latency ' +
        'and counts of webhooks, the request rate of long polling, and the losses and ' +
        'attempts of webhooks that retry a failing receiver. The theory tests ' +
        'in `test/theory/` run the same checks from `src/validation/`, and a test fails when ' +
        'this file differs from a fresh run.',
    ),
    paragraph(
      'Regenerate it with `npm run validation`. Every run uses seed 1, so the file comes out ' +
        'the same byte for byte until the simulator or the checks change. The script exits ' +
        'with status 1 when a check fails.',
    ),
    '## The field figure',
    renderFieldFigure(),
    '## How the tolerances are set',
    renderTolerances(),
    paragraph(
      'Symbols: T is the poll interval, X a random poll interval, j the jitter, τ the ' +
        'long-poll hold, p the chance that one webhook attempt fails, n the attempts per ' +
        'push, λ the event rate, d a ' +
        'constant one-way network delay and D a random one. A poll reaches the producer one ' +
        'delay d after it is sent, collects the events timed up to then, and its answer ' +
        'arrives 2d after the poll was sent.',
    ),
    `## Results: ${passed} of ${checks.length} checks pass`,
  ];
}

/** Relates the field figure to λT through the Poisson formula for the share of empty polls. */
function renderFieldFigure(): string {
  const rateTimesInterval = -Math.log(1 - FIELD_NEWS_SHARE);
  const pollsPerEvent = 1 / rateTimesInterval;

  return paragraph(
    "Zapier's REST Hooks figures are the classic field number: of about 30 million polls, " +
      '1.5% found news, so 98.5% were wasted, at roughly 66 polls per event. Under the ' +
      'Poisson formula checked below, e^(−λT) = 0.985 gives λT = −ln 0.985 ≈ ' +
      `${rateTimesInterval.toFixed(4)}, that is 1/(λT) ≈ ${pollsPerEvent.toFixed(1)} polls ` +
      `per event: the mean gap between events was about ${Math.round(pollsPerEvent)} poll ` +
      'intervals.',
  );
}

function renderTolerances(): string {
  const tail = MAX_TAIL_PROBABILITY.toExponential();

  return [
    bullet(
      `\`${STANDARD_ERRORS_ALLOWED} SE\`: the figure may lie ${STANDARD_ERRORS_ALLOWED} ` +
        'standard errors either side of the prediction, which a correct simulator misses ' +
        'about 6 times in 100,000. The standard errors are derived in ' +
        '`src/validation/standard-errors.ts`: a binomial share for empty polls, a Poisson ' +
        'count for polls per event, a delta-method ratio over independent poll ' +
        'intervals for mean delays, a renewal count for long-poll requests, and the ' +
        'variance of a truncated geometric count for webhook attempts.',
    ),
    bullet(
      `\`tail ${tail}; rounding\`: each of n events waits an independent uniform(0, T) ` +
        'share of its interval, so the max delay falls short of its bound (T, or T + d) by ' +
        `more than T·ln(1/${tail})/n with chance at most ${tail}. It may pass the bound ` +
        'only by the float rounding of epoch-millisecond times.',
    ),
    bullet('`exact`: the model fixes the figure, so the simulated value must equal it.'),
  ].join('\n');
}

function paragraph(text: string): string {
  return wrap(text, TEXT_WIDTH);
}

function bullet(text: string): string {
  return `- ${wrap(text, TEXT_WIDTH - 2).replaceAll('\n', '\n  ')}`;
}

/**
 * Renders the results table with its columns padded to a common width, as the project's
 * formatter (Biome) lays out Markdown tables, so `biome check` accepts the generated file.
 */
function renderTable(checks: readonly TheoryCheck[]): string {
  const header = [
    'case',
    'parameters',
    'formula',
    'predicted',
    'simulated',
    'relative error',
    'tolerance',
    'result',
  ];
  const rows = checks.map(renderRow);
  const widths = header.map((title, column) =>
    Math.max(textWidth(title), ...rows.map((row) => textWidth(row[column] ?? ''))),
  );

  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell, column) => pad(cell, widths[column] ?? 0)).join(' | ')} |`;
  const rule = `| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |`;

  return [line(header), rule, ...rows.map(line)].join('\n');
}

/** Counts code points, since every symbol in the table (λ, ², ±) is one column wide. */
function textWidth(text: string): number {
  return [...text].length;
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(width - textWidth(text));
}

function renderRow(check: TheoryCheck): string[] {
  return [
    check.title,
    check.parameters,
    check.formula,
    formatFigure(check.predicted, check.unit),
    formatFigure(check.simulated, check.unit),
    formatRelativeError(relativeError(check)),
    formatTolerance(check),
    passes(check) ? 'pass' : '**FAIL**',
  ];
}

/** Formats a figure with enough digits to show errors well under the tolerances. */
function formatFigure(value: number, unit: FigureUnit): string {
  switch (unit) {
    case 'ms':
      return value >= 1000 ? `${(value / 1000).toFixed(3)} s` : `${value.toFixed(3)} ms`;
    case 'share':
    case 'ratio':
      return value.toPrecision(4);
    case 'count':
      return formatCount(value);
  }
}

function formatRelativeError(error: number): string {
  if (Number.isNaN(error)) return 'n/a';
  if (error === 0) return '0';
  return `${error > 0 ? '+' : '-'}${(Math.abs(error) * 100).toFixed(3)}%`;
}

function formatTolerance(check: TheoryCheck): string {
  const { below, above, basis } = check.tolerance;
  if (below === 0 && above === 0) return basis;

  const scale = Math.abs(check.predicted);
  if (below === above) return `±${formatShare(below / scale)} (${basis})`;
  return `-${formatShare(below / scale)}, +${formatShare(above / scale)} (${basis})`;
}

/** Formats a share as a percentage with two significant digits, in exponent form when tiny. */
function formatShare(share: number): string {
  const percent = share * 100;
  if (percent >= 0.001) return `${Number(percent.toPrecision(2))}%`;
  return `${percent.toExponential(1)}%`;
}
