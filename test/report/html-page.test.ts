import { describe, expect, it } from 'vitest';
import type { PageData } from '../../src/report/html/html-page.ts';
import { renderHtmlPage } from '../../src/report/html/html-page.ts';

/** A sweep page whose text tries to break out of the script element and the title. */
const HOSTILE: PageData = {
  kind: 'sweep',
  title: 'orders </script><img src=x onerror=alert(1)> & more',
  shared: '<!-- a comment opener',
  figures: { head: ['value'], rows: [['</script>']] },
  tradeOff: [],
  cost: null,
  reproduce: { command: 'npm run scenario -- x', seed: 1, settings: [] },
};

describe('HTML page', () => {
  it('escapes the title', () => {
    const html = renderHtmlPage(HOSTILE);

    expect(html).toContain('<title>orders &lt;/script&gt;&lt;img src=x');
  });

  it('keeps data inside its script', () => {
    const html = renderHtmlPage(HOSTILE);
    const data = html.slice(html.indexOf('id="report-data"'), html.indexOf('<script>\n'));

    expect(data.match(/<\/script>/g)).toHaveLength(1);
    expect(data).not.toContain('<!--');
  });

  it('loads nothing from elsewhere', () => {
    const html = renderHtmlPage(HOSTILE);

    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=|sourceMappingURL/);
  });

  it('carries Chart.js inline', () => {
    const html = renderHtmlPage(HOSTILE);

    expect(html).toContain('window.Chart=');
  });
});
