/**
 * Finds and runs the command samples in the README and docs/: each ```text block whose first
 * line is `$ npm run scenario -- ...` shows that command's output. A test compares them, and
 * scripts/update-doc-samples.ts rewrites them after a change to the output.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../src/cli/run-cli.ts';

/** The repository root. */
export const ROOT = new URL('../', import.meta.url);
/** The command line a sample starts with; `-s` marks a sample that shows stderr too. */
const PROMPT = /^\$ npm run (-s )?scenario --(?: |$)/;

/** A ```text block that starts with a command, and the output the docs show for it. */
export interface Sample {
  /** Line of the opening fence, from 1, to find the block from a failure. */
  readonly line: number;
  readonly args: string[];
  readonly output: string;
  /** The last ```csv block before the sample, which a `--file` in it reads. */
  readonly csv: string | undefined;
  /**
   * True for `npm run -s`: the block shows what the terminal shows, stdout then stderr, such
   * as an error message, whatever the exit code.
   */
  readonly silent: boolean;
}

/** Returns the README and every page under docs/, as paths from the repository root. */
export function documentPaths(): string[] {
  const pages = readdirSync(new URL('docs/', ROOT)).filter((name) => name.endsWith('.md'));
  return ['README.md', ...pages.sort().map((name) => `docs/${name}`)];
}

/**
 * Finds every sample in a Markdown text: a ```text block whose first line is the prompt and
 * that holds no other command.
 */
export function samplesIn(markdown: string): Sample[] {
  const lines = markdown.split('\n');
  const samples: Sample[] = [];
  let csv: string | undefined;

  for (let index = 0; index < lines.length; index++) {
    const fence = lines[index];
    if (fence !== '```text' && fence !== '```csv') continue;

    const close = lines.indexOf('```', index + 1);
    if (close === -1) throw new Error(`the code block at line ${index + 1} has no closing fence`);

    const body = lines.slice(index + 1, close);
    const [first, ...rest] = body;

    const prompt = first === undefined ? null : PROMPT.exec(first);
    if (fence === '```csv') csv = `${body.join('\n')}\n`;
    else if (
      prompt !== null &&
      first !== undefined &&
      !rest.some((line) => line.startsWith('$ '))
    ) {
      const args = splitArgs(first.slice(prompt[0].length));
      const silent = prompt[1] !== undefined;
      samples.push({ line: index + 1, args, output: `${rest.join('\n')}\n`, csv, silent });
    }
    index = close;
  }

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
 * Tells whether a sample needs a file the document does not provide, such as a scenario module
 * or a trace file shown only in prose, so that it cannot run on its own. A `--file` path that
 * exists from the repository root, such as a real trace kept beside the repository, needs none.
 */
export function needsSetup(sample: Sample): boolean {
  const scenarioFile = sample.args[0]?.startsWith('.') === true;
  const file = fileArgument(sample);
  const traceFile =
    file !== undefined && sample.csv === undefined && !existsSync(new URL(file, ROOT));
  return scenarioFile || traceFile;
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
 * contains the document's CSV under that name. runCli resolves a relative path from the working
 * directory, which the program's entry point first moves to npm's INIT_CWD, so changing the
 * working directory is all a test needs.
 */
export async function runSample(sample: Sample): Promise<SampleRun> {
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

  const file = fileArgument(sample);
  if (file === undefined) {
    const code = await runCli(sample.args, output);
    return { code, stdout, stderr };
  }

  // Without a csv block, the file is one that exists from the repository root (see needsSetup).
  if (sample.csv === undefined) {
    const code = await runCliIn(fileURLToPath(ROOT), sample.args, output);
    return { code, stdout, stderr };
  }

  const folder = mkdtempSync(join(tmpdir(), 'doc-sample-'));
  writeFileSync(join(folder, file), sample.csv);
  try {
    const code = await runCliIn(folder, sample.args, output);
    return { code, stdout, stderr };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

async function runCliIn(
  folder: string,
  args: readonly string[],
  output: Parameters<typeof runCli>[1],
): Promise<number> {
  const previous = process.cwd();
  process.chdir(folder);
  try {
    return await runCli(args, output);
  } finally {
    process.chdir(previous);
  }
}
