import { describe, expect, it } from 'vitest';
import {
  allBlocks,
  allCommands,
  allSamples,
  blockUse,
  commandUse,
  type DocBlock,
  KNOWN_BLOCKS,
  knownEntriesOf,
  sampleUse,
} from './doc-blocks.ts';

const blocks = allBlocks();

/** Names a block by its page and line, as a failure lists it. */
function place(block: { path: string; line: number }): string {
  return `${block.path}:${block.line}`;
}

function useOf(block: DocBlock): string {
  const index = blocks.indexOf(block);
  const next = blocks[index + 1];
  return blockUse(block, next?.path === block.path ? next : undefined).kind;
}

describe('doc block inventory', () => {
  it('exercises every fenced block', () => {
    const unhandled = blocks.filter((block) => useOf(block) === 'unhandled').map(place);

    expect(unhandled, 'add a test for each block, or list it in KNOWN_BLOCKS').toEqual([]);
  });

  it('runs every sample', () => {
    const unhandled = allSamples()
      .filter((sample) => sampleUse(sample) === 'unhandled')
      .map(place);

    expect(unhandled, 'give each sample its file in error-fixtures.ts').toEqual([]);
  });

  it('exercises every shell command', () => {
    const unhandled = allCommands()
      .filter((command) => commandUse(command).kind === 'unhandled')
      .map((command) => `${place(command)} ${command.text}`);

    expect(unhandled, 'teach commandUse how a test runs these commands').toEqual([]);
  });

  it.each(KNOWN_BLOCKS.map((entry) => [entry.id, entry]))(
    'finds known block %s once',
    (_, entry) => {
      const matches = blocks.filter((block) => knownEntriesOf(block).includes(entry));

      expect(matches.map(place)).toHaveLength(1);
    },
  );
});

describe('block sorting', () => {
  const page = { path: 'docs/new.md', line: 1 };

  it('leaves an unknown command list unhandled', () => {
    const command = { ...page, text: 'curl http://127.0.0.1:8080/events', redirect: undefined };

    expect(commandUse(command).kind).toBe('unhandled');
  });

  it('leaves a plain text block unhandled', () => {
    const block = { ...page, language: 'text', body: ['npm run scenario bullpen'] };

    expect(blockUse(block, undefined).kind).toBe('unhandled');
  });

  it('leaves a foreign prompt unhandled', () => {
    const body = ['$ npm run scenario -- bullpen', 'output', '$ ls', 'README.md'];

    expect(blockUse({ ...page, language: 'text', body }, undefined).kind).toBe('unhandled');
  });

  it('leaves an unread CSV block unhandled', () => {
    const block = { ...page, language: 'csv', body: ['time', '2026-03-02T09:14:05Z'] };

    expect(blockUse(block, undefined).kind).toBe('unhandled');
  });

  it('runs bash blocks as commands', () => {
    const block = { ...page, language: 'bash', body: ['npm run scenario bullpen'] };

    expect(blockUse(block, undefined).kind).toBe('commands');
  });

  it('leaves unlisted code unhandled', () => {
    const block = { ...page, language: 'ts', body: ["import { x } from 'y';"] };

    expect(blockUse(block, undefined).kind).toBe('unhandled');
  });
});
