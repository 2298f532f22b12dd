import { describe, expect, it } from 'vitest';
import { wrap } from '../../src/report/format.ts';
import { createStyle, PLAIN_STYLE, stripColour, wrapStyled } from '../../src/report/style.ts';

const COLOURED = createStyle(true);

/** A sentence long enough to wrap at 40 columns, with a coloured name and figure in it. */
const PLAIN = 'With poll, consumers made 915 calls, of which 874 (95.5%) found nothing new.';
const STYLED = PLAIN.replace('poll', COLOURED.strategy(0, 'poll')).replace(
  '95.5%',
  COLOURED.figure('95.5%'),
);

describe('createStyle', () => {
  it('leaves text plain without colour', () => {
    expect(PLAIN_STYLE.warning('Beware')).toBe('Beware');
  });

  it('colours a warning yellow', () => {
    expect(COLOURED.warning('Beware')).toBe('\u001b[33mBeware\u001b[39m');
  });

  it('colours strategies by place', () => {
    expect(COLOURED.strategy(1, 'webhook')).toBe('\u001b[35mwebhook\u001b[39m');
  });

  it('repeats colours after ten', () => {
    expect(COLOURED.strategy(10, 'x')).toBe(COLOURED.strategy(0, 'x'));
  });
});

describe('stripColour', () => {
  it('removes colour codes', () => {
    expect(stripColour(STYLED)).toBe(PLAIN);
  });

  it('keeps a lone escape', () => {
    expect(stripColour('a\u001b[xb')).toBe('a\u001b[xb');
  });
});

describe('wrapStyled', () => {
  it('breaks where wrap breaks', () => {
    expect(stripColour(wrapStyled(STYLED, 40))).toBe(wrap(PLAIN, 40));
  });

  it('keeps the colour codes', () => {
    expect(wrapStyled(STYLED, 40)).toContain('\u001b[36mpoll\u001b[39m');
  });

  it('matches wrap on plain text', () => {
    expect(wrapStyled(PLAIN, 40)).toBe(wrap(PLAIN, 40));
  });
});
