/**
 * Sorts every fenced block of the README and docs/ by how a test exercises it, so that a new
 * block that no test runs fails the inventory test instead of going unchecked.
 */
import { readFileSync } from 'node:fs';
import {
  comparesExactly,
  documentPaths,
  type FencedBlock,
  fencedBlocks,
  isSampleBlock,
  needsSetup,
  ROOT,
  type Sample,
  samplesIn,
  showsError,
  splitArgs,
  usesRealTime,
} from '../../scripts/doc-samples.ts';
import { fixtureFor } from './error-fixtures.ts';

/** A fenced block and the page it is on. */
export interface DocBlock extends FencedBlock {
  /** The page, as a path from the repository root. */
  readonly path: string;
}

/**
 * How a test exercises a block:
 * - `samples`: a ```text block of `$ npm run scenario` commands and their output; each command
 *   is run as `sampleUse` sorts it.
 * - `commands`: a ```sh block, or one of the other `SHELL_LANGUAGES`; each line is a command that
 *   `commandUse` sorts.
 * - `trace-input`: a ```csv block that the next sample reads as its `--file`.
 * - `known`: a block listed in `KNOWN_BLOCKS`, with the test that exercises it or the reason no
 *   test needs to.
 * - `unhandled`: none of these, which the inventory test reports.
 */
export type BlockUse =
  | { readonly kind: 'samples' }
  | { readonly kind: 'commands' }
  | { readonly kind: 'trace-input' }
  | { readonly kind: 'known'; readonly entry: KnownBlock }
  | { readonly kind: 'unhandled' };

/** A block that is neither samples nor a command list, found by its page and first line. */
export interface KnownBlock {
  readonly id: string;
  readonly path: string;
  readonly language: string;
  /** The start of the block's first line. */
  readonly firstLine: string;
  /** The test file that exercises the block, or why the block is not a command. */
  readonly use: string;
}

/** Every block that needs a test of its own, or none because it shows no command or code. */
export const KNOWN_BLOCKS: readonly KnownBlock[] = [
  {
    id: 'readme-bullpen-output',
    path: 'README.md',
    language: 'text',
    firstLine: 'bullpen: sim run, seed 1,',
    use: 'readme-sample.test.ts compares it with the output of `npm run scenario bullpen`',
  },
  {
    id: 'poll-sketch',
    path: 'docs/concepts.md',
    language: 'ts',
    firstLine: 'function* pollConsumer(',
    use: 'code-blocks.test.ts runs it in the simulator beside the real poll strategy',
  },
  {
    id: 'first-module',
    path: 'docs/custom-scenarios.md',
    language: 'ts',
    firstLine: "import { defineScenario } from 'poll-vs-push';",
    use: 'custom-scenario-tutorial.test.ts type-checks and runs it',
  },
  {
    id: 'options-fragment',
    path: 'docs/custom-scenarios.md',
    language: 'ts',
    firstLine: '  options: {',
    use: 'custom-scenario-tutorial.test.ts finds it in the whole scenario',
  },
  {
    id: 'drawing-fragment',
    path: 'docs/custom-scenarios.md',
    language: 'ts',
    firstLine: 'const closing = OPENING',
    use: 'custom-scenario-tutorial.test.ts finds it in the whole scenario',
  },
  {
    id: 'whole-scenario',
    path: 'docs/custom-scenarios.md',
    language: 'ts',
    firstLine: "import type { ConsumerSpec, EventInput } from 'poll-vs-push';",
    use: 'custom-scenario-tutorial.test.ts type-checks it and runs both samples',
  },
  {
    id: 'scenario-tsconfig',
    path: 'docs/custom-scenarios.md',
    language: 'json',
    firstLine: '{',
    use: 'custom-scenario-tutorial.test.ts type-checks the scenarios with it',
  },
  {
    id: 'folder-layout',
    path: 'docs/custom-scenarios.md',
    language: 'text',
    firstLine: 'code/',
    use: 'not a command: the folder layout that custom-scenario-tutorial.test.ts rebuilds',
  },
  {
    id: 'run-limit-message',
    path: 'docs/errors.md',
    language: 'text',
    firstLine: 'the run of poll passed 500 steps',
    use: 'code-blocks.test.ts compares it with the message of a run over 500 steps',
  },
  {
    id: 'bullpen-json',
    path: 'docs/metrics.md',
    language: 'json',
    firstLine: '{',
    use: 'code-blocks.test.ts checks that `bullpen --json` prints every field it shows',
  },
  {
    id: 'bench-entry',
    path: 'docs/benchmarks.md',
    language: 'json',
    firstLine: '{',
    use: 'code-blocks.test.ts checks it against the fields of a benchmark entry',
  },
];

/** Returns every fenced block of the README and the docs pages, in page order. */
export function allBlocks(): DocBlock[] {
  return documentPaths().flatMap((path) =>
    fencedBlocks(readPage(path)).map((block) => ({ ...block, path })),
  );
}

/** Returns the text of a page, given as a path from the repository root. */
export function readPage(path: string): string {
  return readFileSync(new URL(path, ROOT), 'utf8');
}

/** Returns the entries of `KNOWN_BLOCKS` that match a block. */
export function knownEntriesOf(block: DocBlock): KnownBlock[] {
  return KNOWN_BLOCKS.filter(
    (entry) =>
      entry.path === block.path &&
      entry.language === block.language &&
      (block.body[0] ?? '').startsWith(entry.firstLine),
  );
}

/** The languages of blocks whose every line is a shell command. */
export const SHELL_LANGUAGES: ReadonlySet<string> = new Set(['sh', 'bash', 'shell', 'console']);

/** Sorts a block by how a test exercises it. */
export function blockUse(block: DocBlock, next: DocBlock | undefined): BlockUse {
  const [entry] = knownEntriesOf(block);
  if (entry !== undefined) return { kind: 'known', entry };

  if (block.language === 'text' && isSampleBlock(block.body)) return { kind: 'samples' };
  if (SHELL_LANGUAGES.has(block.language)) return { kind: 'commands' };
  if (block.language === 'csv' && readsCsv(next)) return { kind: 'trace-input' };
  return { kind: 'unhandled' };
}

/** Tells whether a block is a sample block whose first command reads a `--file`. */
function readsCsv(block: DocBlock | undefined): boolean {
  if (block === undefined || block.language !== 'text' || !isSampleBlock(block.body)) return false;
  const [sample] = samplesIn(['```text', ...block.body, '```'].join('\n'));
  return sample?.args.includes('--file') === true;
}

/** Returns the block with the given `KNOWN_BLOCKS` id. */
export function knownBlock(id: string): DocBlock {
  const block = allBlocks().find((candidate) =>
    knownEntriesOf(candidate).some((entry) => entry.id === id),
  );
  if (block === undefined) throw new Error(`no block in the docs matches KNOWN_BLOCKS '${id}'`);
  return block;
}

/** A sample with the page it is on. */
export interface DocSample extends Sample {
  readonly path: string;
}

/** Returns every sample of the README and the docs pages. */
export function allSamples(): DocSample[] {
  return documentPaths().flatMap((path) =>
    samplesIn(readPage(path)).map((sample) => ({ ...sample, path })),
  );
}

/**
 * How a test runs a sample:
 * - `compare`: doc-samples.test.ts runs it in this process and compares its output byte for
 *   byte.
 * - `live-shape`: it uses real time, so live-samples.test.ts runs it in a process of its own and
 *   compares the shape of its output: the first line with figures masked, the table headers and
 *   the row names.
 * - `fixture`: it needs a file or a taken port that the page describes only in prose, so
 *   error-samples.test.ts builds that from error-fixtures.ts and compares byte for byte.
 * - `tutorial`: a run of docs/custom-scenarios.md's scenario, which
 *   custom-scenario-tutorial.test.ts runs in the page's folder layout.
 * - `trace-absent`: it reads a real timeline from ../shared/traces, a folder kept beside the
 *   repository that is missing here, so doc-samples.test.ts lists it as skipped.
 * - `unhandled`: it needs something that no test provides.
 */
export type SampleUse =
  | 'compare'
  | 'live-shape'
  | 'fixture'
  | 'tutorial'
  | 'trace-absent'
  | 'unhandled';

/** The folder beside the repository that contains real event timelines. */
export const SHARED_TRACES = '../shared/traces/';

/** The module path that docs/custom-scenarios.md runs its scenario from. */
export const TUTORIAL_MODULE = '../my-scenarios/order-ready.ts';

/** Sorts a sample by how a test runs it. */
export function sampleUse(sample: Sample): SampleUse {
  if (fixtureFor(sample) !== undefined) return 'fixture';
  if (sample.args[0] === TUTORIAL_MODULE && !showsError(sample)) return 'tutorial';
  if (comparesExactly(sample)) return 'compare';
  if (readsSharedTrace(sample)) return 'trace-absent';
  if (needsSetup(sample)) return 'unhandled';
  return 'live-shape';
}

function readsSharedTrace(sample: Sample): boolean {
  const file = sample.args[sample.args.indexOf('--file') + 1];
  return sample.args.includes('--file') && file?.startsWith(SHARED_TRACES) === true;
}

/**
 * Returns the exit code that the section around a line gives in its heading, as in
 * "### `PVP_TRACE_EMPTY` (exit 1)", or undefined where the heading gives none.
 */
export function sectionExitCode(markdown: string, line: number): number | undefined {
  const before = markdown.split('\n').slice(0, line - 1);
  const heading = before.reverse().find((text) => text.startsWith('#'));
  const exit = / \(exit (\d+)\)$/.exec(heading ?? '');
  return exit === null ? undefined : Number(exit[1]);
}

/** A command on one line of a shell block. */
export interface DocCommand {
  readonly path: string;
  /** Line of the command, from 1. */
  readonly line: number;
  /** The command without its trailing comment and output redirection. */
  readonly text: string;
  /** The file that `> FILE` sends stdout to, if any. */
  readonly redirect: string | undefined;
}

/** Returns every command of every shell block. */
export function allCommands(): DocCommand[] {
  return allBlocks()
    .filter((block) => SHELL_LANGUAGES.has(block.language))
    .flatMap((block) => block.body.flatMap((text, index) => commandOf(block, text, index)));
}

function commandOf(block: DocBlock, text: string, index: number): DocCommand[] {
  // A comment starts at a `#` after a space; the docs quote no `#`.
  const withoutComment = text.replace(/\s+#.*$/, '').trim();
  if (withoutComment === '') return [];

  const redirect = /\s+>\s*(\S+)$/.exec(withoutComment);
  const command = redirect === null ? withoutComment : withoutComment.slice(0, redirect.index);
  return [
    { path: block.path, line: block.line + index + 1, text: command, redirect: redirect?.[1] },
  ];
}

/**
 * How a test exercises a command of a shell block:
 * - `scenario`: a simulated run, which command-blocks.test.ts runs in this process, with the
 *   scenario module or trace file it names, and checks the exit code and the output's shape.
 * - `live-scenario`: a run in real time, which live-samples.test.ts runs in a process of its own.
 * - `npm-install`, `npm-test`: never run from inside the suite. npm-scripts.test.ts checks that
 *   the lock file matches package.json, and that `npm test` runs the scripts the README names.
 * - `npm-script`: `npm run NAME -- ARGS`; npm-scripts.test.ts checks that the script exists and
 *   accepts the arguments.
 * - `jq`: a filter over the benchmark's JSON; npm-scripts.test.ts checks that the benchmark
 *   writes the text it selects on.
 * - `unhandled`: a command that no test exercises, which the inventory test reports.
 */
export type CommandUse =
  | { readonly kind: 'scenario'; readonly args: string[] }
  | { readonly kind: 'live-scenario'; readonly args: string[] }
  | { readonly kind: 'npm-install' }
  | { readonly kind: 'npm-test' }
  | { readonly kind: 'npm-script'; readonly script: string; readonly args: string[] }
  | { readonly kind: 'jq'; readonly filter: string }
  | { readonly kind: 'unhandled' };

/** Sorts a command by how a test exercises it. */
export function commandUse(command: DocCommand): CommandUse {
  const { text } = command;
  if (text === 'npm install') return { kind: 'npm-install' };
  if (text === 'npm test') return { kind: 'npm-test' };

  const scenario = /^npm run (?:-s )?scenario(?: --)?(?: |$)(.*)$/.exec(text);
  if (scenario !== null) {
    const args = splitArgs(scenario[1] ?? '');
    return usesRealTime(args) ? { kind: 'live-scenario', args } : { kind: 'scenario', args };
  }

  const script = /^npm run (?:-s )?([a-z-]+)(?: --)?(?: |$)(.*)$/.exec(text);
  if (script !== null) {
    return { kind: 'npm-script', script: script[1] ?? '', args: splitArgs(script[2] ?? '') };
  }

  const jq = /^jq '([^']*)' \S+$/.exec(text);
  if (jq !== null) return { kind: 'jq', filter: jq[1] ?? '' };
  return { kind: 'unhandled' };
}
