import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseBenchOptions } from '../../bench/options.ts';
import { ROOT } from '../../scripts/doc-samples.ts';
import { allCommands, commandUse, type DocCommand } from './doc-blocks.ts';

// npm install and the whole suite cannot run from inside the suite, and the full benchmark takes
// minutes. So each such command of the docs is checked for what would make it fail: a script
// that does not exist, an argument the script rejects, or a lock file out of step.

interface Manifest {
  readonly scripts: Record<string, string>;
  readonly dependencies: Record<string, string>;
  readonly devDependencies: Record<string, string>;
}

interface LockFile {
  readonly packages: Record<string, Partial<Manifest>>;
}

const manifest = JSON.parse(readFileSync(new URL('package.json', ROOT), 'utf8')) as Manifest;
const lock = JSON.parse(readFileSync(new URL('package-lock.json', ROOT), 'utf8')) as LockFile;

/** Checks the arguments a script takes, and throws for one it would reject. */
const ARGUMENT_CHECKS: Readonly<Record<string, (args: string[]) => void>> = {
  bench: (args) => {
    parseBenchOptions(args);
  },
  samples: (args) => {
    if (args.length > 0) throw new Error(`npm run samples takes no arguments, got ${args}`);
  },
  validation: (args) => {
    if (args.length > 0) throw new Error(`npm run validation takes no arguments, got ${args}`);
  },
};

function commandsOf(kind: string): DocCommand[] {
  return allCommands().filter((command) => commandUse(command).kind === kind);
}

function title(command: DocCommand): string {
  return `${command.path}:${command.line} ${command.text}`;
}

describe.each(commandsOf('npm-install').map((command) => [title(command)]))('%s', () => {
  it('installs the dependencies of package.json', () => {
    expect(lock.packages['']?.dependencies).toEqual(manifest.dependencies);
  });

  it('installs the dev dependencies of package.json', () => {
    expect(lock.packages['']?.devDependencies).toEqual(manifest.devDependencies);
  });
});

describe.each(commandsOf('npm-test').map((command) => [title(command)]))('%s', () => {
  const steps = (manifest.scripts.test ?? '').split(' && ');

  it('runs the type check, the linter and vitest', () => {
    expect(steps).toEqual(['npm run typecheck', 'npm run lint', 'vitest run']);
  });

  it('type-checks with tsc', () => {
    expect(manifest.scripts.typecheck).toBe('tsc --noEmit');
  });

  it('lints with Biome', () => {
    expect(manifest.scripts.lint).toBe('biome check .');
  });
});

describe.each(commandsOf('npm-script').map((command) => [title(command), command] as const))(
  '%s',
  (_, command) => {
    const use = commandUse(command);
    const script = use.kind === 'npm-script' ? use.script : '';
    const args = use.kind === 'npm-script' ? use.args : [];

    it('names a script of package.json', () => {
      expect(Object.keys(manifest.scripts)).toContain(script);
    });

    it('passes arguments the script accepts', () => {
      const check = ARGUMENT_CHECKS[script];

      expect(check, `add an argument check for npm run ${script}`).toBeDefined();
      expect(() => check?.(args)).not.toThrow();
    });
  },
);

describe('npm run bench -- --help', () => {
  it('prints the usage', () => {
    const script = (manifest.scripts.bench ?? '').split(' ').slice(1);
    const child = spawnSync(process.execPath, [...script, '--help'], {
      cwd: fileURLToPath(ROOT),
      encoding: 'utf8',
      timeout: 30_000,
    });

    expect(child.stdout).toMatch(/^Usage: npm run bench -- \[options\]\n/);
  });
});

describe.each(commandsOf('jq').map((command) => [title(command), command] as const))(
  '%s',
  (_, command) => {
    const use = commandUse(command);
    const filter = use.kind === 'jq' ? use.filter : '';
    const phrases = [...filter.matchAll(/contains\("([^"]+)"\)/g)].map((match) => match[1] ?? '');
    const bench = readdirSync(new URL('bench/', ROOT))
      .filter((name) => name.endsWith('.ts'))
      .map((name) => readFileSync(new URL(`bench/${name}`, ROOT), 'utf8'))
      .join('\n');

    it('selects on a phrase', () => {
      expect(phrases.length).toBeGreaterThan(0);
    });

    it.each(phrases)('finds "%s" in the benchmark entries', (phrase) => {
      expect(bench).toContain(phrase);
    });
  },
);
