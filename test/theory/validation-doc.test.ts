import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { runAllChecks, VALIDATION_DOC_URL } from '../../src/validation/index.ts';
import { renderValidationDoc } from '../../src/validation/markdown.ts';
import { SIMULATION_TIMEOUT_MS } from './expect-check.ts';

describe('docs/validation.md', () => {
  it(
    'matches a fresh run',
    async () => {
      const committed = await readFile(VALIDATION_DOC_URL, 'utf8');
      const fresh = renderValidationDoc(await runAllChecks());

      expect(fresh, 'docs/validation.md is stale; run npm run validation').toBe(committed);
    },
    SIMULATION_TIMEOUT_MS,
  );
});
