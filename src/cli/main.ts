import { EXIT_FAILURE } from '../errors.ts';
import { runCli } from './run-cli.ts';

const output = {
  stdout: (text: string) => process.stdout.write(text),
  stderr: (text: string) => process.stderr.write(text),
};

// A failure that is not the user's, such as a bug, keeps its stack so it can be reported.
runCli(process.argv.slice(2), output).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `poll-vs-push: unexpected failure\n${String((error as Error)?.stack ?? error)}\n`,
    );
    process.exitCode = EXIT_FAILURE;
  },
);
