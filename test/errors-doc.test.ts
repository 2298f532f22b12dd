import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, type ErrorCode } from '../src/errors.ts';

const doc = readFileSync(new URL('../docs/errors.md', import.meta.url), 'utf8');

const catalogue = Object.keys(ERROR_CODES) as ErrorCode[];

/** Exit codes by error code, from headings such as "### `PVP_TRACE_EMPTY` (exit 1)". */
const documentedExits = new Map(
  [...doc.matchAll(/^### `(PVP_[A-Z_]+)` \(exit (\d+)\)$/gm)].map((match) => [
    match[1],
    Number(match[2]),
  ]),
);

/** Every code-like word anywhere in the page, headings and examples included. */
const mentioned = new Set(doc.match(/\bPVP_[A-Z_]+\b/g) ?? []);

describe('docs/errors.md', () => {
  it.each(catalogue)('has a section for %s', (code) => {
    expect(documentedExits.has(code)).toBe(true);
  });

  it.each(catalogue)('gives the exit code of %s', (code) => {
    expect(documentedExits.get(code)).toBe(ERROR_CODES[code]);
  });

  it('mentions no unknown code', () => {
    const unknown = [...mentioned].filter((code) => !Object.hasOwn(ERROR_CODES, code));

    expect(unknown).toEqual([]);
  });
});
