/**
 * Finds and runs the command samples in the README and docs/: in a ```text block that starts with
 * `$ npm run scenario -- ...`, each such command is followed by its output. A test compares them,
 * and scripts/update-doc-samples.ts rewrites them after a change to the output.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../src/cli/run-cli.ts';

/** The repository root. */
export const ROOT = new URL('../', import.meta.url);
/** The command line a sample starts with; `-s` marks a sample that shows stderr too. */
const PROMPT = /^\$ npm run (-s )?scenario --(?: |$)/;

/**
 * A command in a ```text block, after a `$ ` prompt, with the output the docs show for it: the
 * lines up to the next prompt or the end of the block.
 */
export interface Sample {
  /** Line of the command, from 1, to find it from a failure. */
  readonly line: number;
  readonly args: string[];
  readonly output: string;
  /** Index of the first output line in the page's lines, from 0. */
  readonly outputStart: number;
  /** Index of the line after the output: the next prompt or the closing fence. */
  readonly outputEnd: number;
  /** The last ```csv block before the sample, which a `--file` in it reads. */
  readonly csv: string | undefined;
  /**
   * True for `npm run -s`: the block shows what the terminal shows, stdout then stderr, such
   * as an error message, whatever the exit code.
   */
  readonly silent: boolean;
}

/** A fenced code block of a Markdown page. */
export interface FencedBlock {
  /** Line of the opening fence, from 1. */
  readonly line: number;
  /** The word after the opening fence, such as `text` or `ts`; empty when there is none. */
  readonly language: string;
  /** The lines between the fences. */
  readonly body: readonly string[];
}

/** Returns the README and every page under docs/, as paths from the repository root. */
export function documentPaths(): string[] {
  const pages = readdirSync(new URL('docs/', ROOT)).filter((name) => name.endsWith('.md'));
  return ['README.md', ...pages.sort().map((name) => `docs/${name}`)];
}

/**
 * Finds every fenced code block in a Markdown text. The docs open blocks with three backticks at
 * the start of a line and close them with a line of three backticks alone.
 */
export function fencedBlocks(markdown: string): FencedBlock[] {
  const lines = markdown.split('\n');
  const blocks: FencedBlock[] = [];

  for (let index = 0; index < lines.length; index++) {
    const open = /^```(\S*)/.exec(lines[index] ?? '');
    if (open === null) continue;

    const close = lines.indexOf('```', index + 1);
    if (close === -1) throw new Error(`the code block at line ${index + 1} has no closing fence`);

    blocks.push({ line: index + 1, language: open[1] ?? '', body: lines.slice(index + 1, close) });
    index = close;
  }

  return blocks;
}

/**
 * Finds every sample in a Markdown text: each command of a ```text block whose lines that start
 * with `$ ` are all `npm run scenario` commands, the first of them on the block's first line.
 */
export function samplesIn(markdown: string): Sample[] {
  const samples: Sample[] = [];
  let csv: string | undefined;

  for (const block of fencedBlocks(markdown)) {
    if (block.language === 'csv') csv = `${block.body.join('\n')}\n`;
    if (block.language !== 'text' || !isSampleBlock(block.body)) continue;

    samples.push(...splitSamples(block, csv));
  }

  return samples;
}

/** Tells whether a ```text block contains samples: every prompt in it runs a scenario. */
export function isSampleBlock(body: readonly string[]): boolean {
  const prompts = body.filter((line) => line.startsWith('$ '));
  return PROMPT.test(body[0] ?? '') && prompts.every((line) => PROMPT.test(line));
}

function splitSamples(block: FencedBlock, csv: string | undefined): Sample[] {
  const samples: Sample[] = [];
  // The fence is on line `block.line`, so body line i is at index block.line + i of the page.
  const starts = block.body.flatMap((line, index) => (line.startsWith('$ ') ? [index] : []));

  starts.forEach((start, position) => {
    const command = block.body[start] ?? '';
    const prompt = PROMPT.exec(command);
    const end = starts[position + 1] ?? block.body.length;
    const output = block.body.slice(start + 1, end);

    samples.push({
      line: block.line + start + 1,
      args: splitArgs(command.slice(prompt?.[0].length ?? 0)),
      output: `${output.join('\n')}\n`,
      outputStart: block.line + start + 1,
      outputEnd: block.line + end,
      csv,
      silent: prompt?.[1] !== undefined,
    });
  });

  return samples;
}

/**
 * Splits a command line at spaces, and keeps text in single or double quotes as one argument, as
 * a shell does with the commands in these docs. Escapes and quotes inside a word are not handled.
 */
export function splitArgs(command: string): string[] {
  const args: string[] = [];
  const pattern = /'([^']*)'|"([^"]*)"|(\S+)/g;

  for (const match of command.matchAll(pattern)) {
    args.push(match[1] ?? match[2] ?? match[3] ?? '');
  }

  return args;
}

/**
 * Tells whether a sample needs something the document does not provide, so that it cannot run
 * on its own: a scenario module or a trace file shown only in prose, or a fixed port that another
 * program must hold. A `--file` path that exists from the repository root, such as a real trace
 * kept beside the repository, needs none.
 */
export function needsSetup(sample: Sample): boolean {
  const scenarioFile = sample.args[0]?.startsWith('.') === true;
  const file = fileArgument(sample);
  const traceFile =
    file !== undefined && sample.csv === undefined && !existsSync(new URL(file, ROOT));
  const port = ['--producer-port', '--receiver-port'].some((flag) => {
    const index = sample.args.indexOf(flag);
    return index !== -1 && sample.args[index + 1] !== '0';
  });
  return scenarioFile || traceFile || port;
}

/**
 * Tells whether a test can run a sample and compare its output byte for byte, which
 * scripts/update-doc-samples.ts can then rewrite. A usage error stops a live run before it
 * starts, so a sample that shows one is compared even when it names live mode.
 */
export function comparesExactly(sample: Sample): boolean {
  return !needsSetup(sample) && (!usesRealTime(sample.args) || showsError(sample));
}

/** Tells whether a sample shows an error message of the CLI. */
export function showsError(sample: Sample): boolean {
  return sample.silent && sample.output.startsWith('poll-vs-push: ');
}

function fileArgument(sample: Sample): string | undefined {
  const index = sample.args.indexOf('--file');
  return index === -1 ? undefined : sample.args[index + 1];
}

/**
 * Live runs, `--compare` and `--load` use real timers and sockets, so their figures change from
 * run to run and their samples cannot be compared byte for byte.
 */
export function usesRealTime(args: readonly string[]): boolean {
  const live = args.some((arg, index) => arg === '--mode' && args[index + 1] === 'live');
  return (
    live || args.includes('--mode=live') || args.includes('--compare') || args.includes('--load')
  );
}

export interface SampleRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs a sample in this process. A sample that reads a `--file` runs from a fresh folder that
 * contains the document's CSV under that name.
 */
export async function runSample(sample: Sample): Promise<SampleRun> {
  if (writesReport(sample.args)) return runInFreshFolder(sample.args);

  const file = fileArgument(sample);
  if (file === undefined) return runCommand(sample.args);

  // Without a csv block, the file is one that exists from the repository root (see needsSetup).
  if (sample.csv === undefined) return runCommand(sample.args, fileURLToPath(ROOT));

  const folder = freshFolder();
  writeFileSync(join(folder, file), sample.csv);
  try {
    return await runCommand(sample.args, folder);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/**
 * Makes an empty folder to run a sample from, under node_modules/.cache so that git ignores it.
 * It must be inside the repository: a sweep's worker threads start with the `--import tsx` of
 * `npm run samples`, which Node resolves from the working directory.
 */
function freshFolder(): string {
  const cache = fileURLToPath(new URL('node_modules/.cache/', ROOT));
  mkdirSync(cache, { recursive: true });
  return mkdtempSync(join(cache, 'doc-sample-'));
}

/**
 * Tells whether a command writes an HTML report, which a test must not leave in the repository.
 * A `--report` path that is a folder of the repository, or whose folder does not exist there, is
 * an error sample that writes nothing and must run from the repository root to show its message.
 */
function writesReport(args: readonly string[]): boolean {
  const index = args.indexOf('--report');
  const path = index === -1 ? undefined : args[index + 1];
  if (path === undefined) return false;

  const target = new URL(path, ROOT);
  const isFolder = existsSync(target) && statSync(target).isDirectory();
  return !isFolder && existsSync(new URL('.', target));
}

async function runInFreshFolder(args: readonly string[]): Promise<SampleRun> {
  const folder = freshFolder();
  try {
    return await runCommand(args, folder);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/**
 * Runs the CLI in this process with `args`, from `folder` when one is given. runCli resolves a
 * relative path from the working directory, which the program's entry point first moves to
 * npm's INIT_CWD, so changing the working directory is all a test needs.
 */
export async function runCommand(args: readonly string[], folder?: string): Promise<SampleRun> {
  let stdout = '';
  let stderr = '';
  const output = {
    stdout: (text: string) => {
      stdout += text;
    },
    stderr: (text: string) => {
      stderr += text;
    },
  };

  const previous = process.cwd();
  if (folder !== undefined) process.chdir(folder);
  try {
    const code = await runCli(args, output);
    return { code, stdout, stderr };
  } finally {
    process.chdir(previous);
  }
}
