import picocolors from 'picocolors';
import { wrap } from './format.ts';

/**
 * The colours of the table format. Reporters take one and default to `PLAIN_STYLE`, which
 * returns every text unchanged, so output without colour stays the same byte for byte.
 */
export interface Style {
  /** Whether the style adds ANSI escape codes at all. */
  readonly colour: boolean;
  /** Styles a header cell of a table. */
  head(text: string): string;
  /**
   * Colours text that belongs to the strategy at `index` in a run's results, such as its name
   * or its marks in a chart, so that one strategy has one colour in the whole output.
   */
  strategy(index: number, text: string): string;
  /** Styles a key figure in a sentence. */
  figure(text: string): string;
  /** Colours a warning, such as events that a strategy missed. */
  warning(text: string): string;
}

/** A function that wraps text in the escape codes of one colour, or returns it unchanged. */
type Paint = (text: string) => string;

/**
 * The colours of strategies, by their place in a run's results, repeated after the tenth.
 * Yellow is left out because it marks warnings.
 */
const STRATEGY_COLOURS = [
  'cyan',
  'magenta',
  'green',
  'blue',
  'red',
  'cyanBright',
  'magentaBright',
  'greenBright',
  'blueBright',
  'redBright',
] as const;

/**
 * Creates a style that colours with ANSI escape codes when `colour` is true and returns text
 * unchanged otherwise. The caller decides, because picocolors' own guess reads the process's
 * streams and environment, which a reporter must not depend on.
 */
export function createStyle(colour: boolean): Style {
  const colours = picocolors.createColors(colour);
  const strategyColours: readonly Paint[] = STRATEGY_COLOURS.map((name) => colours[name]);

  return {
    colour,
    head: (text) => colours.bold(text),
    strategy: (index, text) => {
      const paint = strategyColours[index % strategyColours.length] as Paint;
      return paint(text);
    },
    figure: (text) => colours.bold(text),
    warning: (text) => colours.yellow(text),
  };
}

/** The style without colour, which every reporter uses unless the caller passes another. */
export const PLAIN_STYLE: Style = createStyle(false);

/** Returns `text` without its ANSI colour codes (SGR sequences such as `ESC[33m`). */
export function stripColour(text: string): string {
  let plain = '';
  for (let index = 0; index < text.length; index++) {
    const end = colourCodeEnd(text, index);
    if (end === undefined) plain += text[index];
    else index = end;
  }
  return plain;
}

/**
 * Breaks coloured `text` at the same spaces as `wrap` breaks its plain text, so colour never
 * changes where a line ends. A colour that spans a break continues on the next line, as
 * terminals keep the colour state across a newline.
 */
export function wrapStyled(text: string, width: number): string {
  const plain = stripColour(text);
  const wrapped = wrap(plain, width);
  if (plain === text) return wrapped;
  // NOTE: `wrap` drops characters only in text with runs of spaces, which the reporters never
  // write. Should it happen, the line breaks matter more than the colour, so colour is dropped.
  if (wrapped.length !== plain.length) return wrapped;

  let styled = '';
  let visible = 0;
  for (let index = 0; index < text.length; index++) {
    const end = colourCodeEnd(text, index);
    if (end === undefined) {
      styled += wrapped[visible];
      visible++;
    } else {
      styled += text.slice(index, end + 1);
      index = end;
    }
  }
  return styled;
}

/**
 * Finds the index of the `m` that ends an SGR sequence (ESC, `[`, digits and semicolons, `m`)
 * starting at `start`, or returns `undefined` when none starts there.
 */
function colourCodeEnd(text: string, start: number): number | undefined {
  if (text[start] !== '\u001b' || text[start + 1] !== '[') return undefined;

  for (let index = start + 2; index < text.length; index++) {
    const char = text[index] as string;
    if (char === 'm') return index;
    if (char !== ';' && (char < '0' || char > '9')) return undefined;
  }
  return undefined;
}
