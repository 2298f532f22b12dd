import { existsSync } from 'node:fs';
import { posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import { documentPaths } from '../../scripts/doc-samples.ts';
import { readPage } from './doc-blocks.ts';

const pages = documentPaths();
const docsPages = pages.filter((path) => path.startsWith('docs/'));

/** A link of a page whose target is a path in the repository rather than a URL. */
interface Link {
  readonly text: string;
  /** The target path from the repository root; the page itself for a link to `#anchor`. */
  readonly path: string;
  readonly anchor: string | undefined;
}

/** Returns the text of a page without its fenced blocks and inline code, where links are text. */
function prose(markdown: string): string {
  const withoutBlocks = markdown.replace(/^```[^\n]*\n[\s\S]*?^```$/gm, '');
  return withoutBlocks.replace(/`[^`\n]*`/g, 'code');
}

/** Returns the relative links of a page, resolved from the page's folder. */
function linksOf(page: string): Link[] {
  const links: Link[] = [];
  const pattern = /\[([^\]]*)\]\(([^)\s]+)\)/g;

  for (const match of prose(readPage(page)).matchAll(pattern)) {
    const target = match[2] ?? '';
    if (/^[a-z][a-z+.-]*:/i.test(target)) continue;

    const [file = '', anchor] = target.split('#');
    const path = file === '' ? page : posix.normalize(posix.join(posix.dirname(page), file));
    links.push({ text: match[1] ?? '', path, anchor });
  }

  return links;
}

/**
 * Returns the anchor GitHub gives a heading: its text in lower case, without punctuation other
 * than hyphens and underscores, with each space turned into a hyphen.
 */
function slugOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[^\p{L}\p{N}\p{M}\p{Pc}\- ]/gu, '')
    .replace(/ /g, '-');
}

/** Returns the anchors of a page's headings; a repeated heading gets -1, -2 and so on. */
function anchorsOf(page: string): Set<string> {
  const anchors = new Set<string>();
  const markdown = readPage(page).replace(/^```[^\n]*\n[\s\S]*?^```$/gm, '');

  for (const match of markdown.matchAll(/^#{1,6} +(.+?)[ #]*$/gm)) {
    const slug = slugOf(match[1] ?? '');
    let anchor = slug;
    for (let count = 1; anchors.has(anchor); count++) anchor = `${slug}-${count}`;
    anchors.add(anchor);
  }

  return anchors;
}

const links = new Map(pages.map((page) => [page, linksOf(page)]));

describe.each(pages)('links of %s', (page) => {
  const pageLinks = links.get(page) ?? [];

  it('point to existing files', () => {
    const missing = pageLinks.filter(
      (link) => !existsSync(new URL(`../../${link.path}`, import.meta.url)),
    );

    expect(missing.map((link) => `[${link.text}] -> ${link.path}`)).toEqual([]);
  });

  it('point to existing headings', () => {
    const broken = pageLinks.filter(
      (link) =>
        link.anchor !== undefined &&
        link.path.endsWith('.md') &&
        existsSync(new URL(`../../${link.path}`, import.meta.url)) &&
        !anchorsOf(link.path).has(link.anchor),
    );

    expect(broken.map((link) => `[${link.text}] -> ${link.path}#${link.anchor}`)).toEqual([]);
  });
});

describe('README links', () => {
  const targets = new Set((links.get('README.md') ?? []).map((link) => link.path));

  it.each(docsPages)('links %s', (page) => {
    expect(targets.has(page)).toBe(true);
  });
});

describe.each(docsPages)('navigation of %s', (page) => {
  const targets = new Set((links.get(page) ?? []).map((link) => link.path));
  const others = docsPages.filter((other) => other !== page);

  it('links every other docs page', () => {
    const unlinked = others.filter((other) => !targets.has(other));

    expect(unlinked).toEqual([]);
  });
});

describe('heading anchors', () => {
  it('drop backticks and colons', () => {
    expect(slugOf('Watching the messages: `--timeline`')).toBe('watching-the-messages---timeline');
  });

  it('keep underscores', () => {
    expect(slugOf('`PVP_INVALID_SCENARIO` (exit 1)')).toBe('pvp_invalid_scenario-exit-1');
  });

  it('keep link text only', () => {
    expect(slugOf('See [metrics](metrics.md) first')).toBe('see-metrics-first');
  });
});
