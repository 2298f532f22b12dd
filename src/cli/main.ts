import { EXIT_FAILURE } from '../errors.ts';
import { useColour } from './colour.ts';
import { runCli } from './run-cli.ts';

const output = {
  stdout: (text: string) => process.stdout.write(text),
  stderr: (text: string) => process.stderr.write(text),
  terminal: process.stderr.isTTY ? process.stderr : undefined,
  colour: useColour({ isTTY: process.stdout.isTTY === true, env: process.env }),
};

// npm runs scripts from the package root; paths the user typed are relative to where they were.
if (process.env.INIT_CWD !== undefined) process.chdir(process.env.INIT_CWD);

// A reader that closes the pipe early, such as `head`, is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const argv = process.argv.slice(2);
if (process.env.npm_config_json === 'true' && !argv.includes('--json')) {
  process.stderr.write(
    "poll-vs-push: npm kept --json for itself; write 'npm run scenario -- NAME --json'\n",
  );
}
const live =
  argv.includes('--compare') ||
  argv.includes('--mode=live') ||
  argv.some((arg, index) => arg === '--mode' && argv[index + 1] === 'live');

// In a live run the first Ctrl-C stops it, prints the partial report and closes every server,
// and a second one exits at once. A simulation keeps Node's default, because it runs without
// yielding to the event loop and so could not see the signal until it had finished.
const stop = new AbortController();
if (live)
  process.on('SIGINT', () => {
    if (stop.signal.aborted) process.exit(130);
    process.stderr.write('poll-vs-push: stopping; press Ctrl-C again to quit at once\n');
    stop.abort();
  });

// A failure that is not the user's, such as a bug, keeps its stack so it can be reported.
runCli(argv, output, stop.signal).then(
  (code) => {
    process.exitCode = code === 0 && stop.signal.aborted ? 130 : code;
    process.removeAllListeners('SIGINT');
  },
  (error: unknown) => {
    process.stderr.write(
      `poll-vs-push: unexpected failure\n${String((error as Error)?.stack ?? error)}\n`,
    );
    process.exitCode = EXIT_FAILURE;
  },
);
