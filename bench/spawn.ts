import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The project root, where the child commands run. */
export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Runs a command from the project root and returns its stdout; rejects on a non-zero exit. */
export function runCommand(command: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];

    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) {
        resolve(Buffer.concat(stdout).toString('utf8'));
        return;
      }

      const status = signal === null ? `exit code ${code}` : `signal ${signal}`;
      const detail = Buffer.concat(stderr).toString('utf8').trim();
      reject(new Error(`'${command} ${args.join(' ')}' failed with ${status}\n${detail}`));
    });
  });
}

/** Runs a TypeScript file of this project in a fresh node process, as the npm scripts do. */
export function runTypeScript(file: string, args: readonly string[] = []): Promise<string> {
  return runCommand(process.execPath, ['--import', 'tsx', file, ...args]);
}
