import { PollVsPushError } from '../errors.ts';
import { listColumns, traceError } from './trace-errors.ts';

/** The comparison operators a `--where` condition may use. `==` is read as `=`. */
export type Comparison = '=' | '!=' | '<' | '<=' | '>' | '>=';

/** One condition of a row filter, such as `mag >= 4.5`. */
export interface Condition {
  readonly column: string;
  readonly operator: Comparison;
  /** The value as written, without its quotes. */
  readonly value: string;
  /** The value as a number when it is written as one, so that `4.50` equals `4.5`. */
  readonly number: number | undefined;
}

/** A row filter: rows pass when they meet every condition. */
export interface RowFilter {
  /** The filter as the user wrote it, for messages. */
  readonly text: string;
  readonly conditions: readonly Condition[];
}

/** Operators longest first, so that `<=` is not read as `<` followed by a value `=...`. */
const OPERATORS: readonly (readonly [string, Comparison])[] = [
  ['==', '='],
  ['!=', '!='],
  ['<=', '<='],
  ['>=', '>='],
  ['=', '='],
  ['<', '<'],
  ['>', '>'],
];

const OPERATOR_CHARACTERS = '=!<>';

/** A decimal number such as `4`, `-0.5`, `.5` or `1e3`; hexadecimal and `Infinity` are text. */
const NUMBER_PATTERN = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

const EXAMPLES = "write conditions such as 'mag>=4.5' and 'net=av', joined by 'and'";

/** Help text of a `--where` option, shared by every scenario that replays a trace. */
export const WHERE_DESCRIPTION =
  "rows to keep: conditions such as 'mag>=4.5' and 'net=av', joined by 'and', " +
  'with =, !=, <, <=, > or >=; numbers compare as numbers';

/**
 * Parses a row filter such as `mag>=4.5`, `net = av` or `type=earthquake and mag>=2.5`. Each
 * condition is a column, an operator (=, !=, <, <=, >, >=) and a value. A column or a value
 * that contains spaces, operator characters or the word `and` goes in single or double
 * quotes. Blank text parses to a filter with no conditions, which keeps every row.
 * @throws PollVsPushError PVP_INVALID_OPTION naming the flag and what is wrong.
 */
export function parseWhere(text: string, flag = '--where'): RowFilter {
  const reader = new WhereReader(text, flag);
  const conditions: Condition[] = [];

  reader.skipSpaces();
  while (!reader.atEnd()) {
    if (conditions.length > 0) reader.expectAnd();
    conditions.push(reader.readCondition());
    reader.skipSpaces();
  }

  return { text: text.trim(), conditions };
}

/**
 * Checks that every column a filter names is one of the trace file's columns.
 * @throws PollVsPushError PVP_TRACE_COLUMN naming the missing column and listing the others.
 */
export function checkWhereColumns(
  filter: RowFilter,
  file: string,
  columns: readonly string[],
  flag = '--where',
): void {
  const missing = filter.conditions.find((condition) => !columns.includes(condition.column));
  if (missing === undefined) return;

  throw traceError(
    'PVP_TRACE_COLUMN',
    file,
    ` has no column '${missing.column}', which ${flag} '${filter.text}' compares; ` +
      `its columns are ${listColumns(columns)}; name one of them in ${flag}`,
  );
}

/**
 * Tells whether a row meets every condition of the filter. A cell and a value that both read
 * as decimal numbers compare as numbers, and anything else compares as text, code unit by code
 * unit, which orders ISO 8601 times of one format by time. A missing, null or non-numeric cell
 * compared with a number meets only `!=`.
 */
export function matchesWhere(
  filter: RowFilter,
  values: Readonly<Record<string, unknown>>,
): boolean {
  return filter.conditions.every((condition) => meets(condition, cellText(values, condition)));
}

function cellText(values: Readonly<Record<string, unknown>>, condition: Condition) {
  // Only own properties count, so a column named like an `Object` method is not looked up.
  const value = Object.hasOwn(values, condition.column) ? values[condition.column] : undefined;
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function meets(condition: Condition, cell: string | undefined): boolean {
  const order = compareCell(condition, cell);
  if (order === undefined) return condition.operator === '!=';

  switch (condition.operator) {
    case '=':
      return order === 0;
    case '!=':
      return order !== 0;
    case '<':
      return order < 0;
    case '<=':
      return order <= 0;
    case '>':
      return order > 0;
    case '>=':
      return order >= 0;
  }
}

/** Returns the sign of cell minus value, or `undefined` when the two cannot be ordered. */
function compareCell(condition: Condition, cell: string | undefined): number | undefined {
  if (cell === undefined) return undefined;

  if (condition.number !== undefined) {
    const cellNumber = readNumber(cell);
    if (cellNumber === undefined) return undefined;
    return Math.sign(cellNumber - condition.number);
  }

  if (cell === condition.value) return 0;
  return cell < condition.value ? -1 : 1;
}

function readNumber(text: string): number | undefined {
  const trimmed = text.trim();
  if (!NUMBER_PATTERN.test(trimmed)) return undefined;

  const value = Number(trimmed);
  return Number.isFinite(value) ? value : undefined;
}

/** Reads a filter's text from left to right, one token at a time. */
class WhereReader {
  private position = 0;

  constructor(
    private readonly text: string,
    private readonly flag: string,
  ) {}

  atEnd(): boolean {
    return this.position >= this.text.length;
  }

  skipSpaces(): void {
    while (!this.atEnd() && /\s/.test(this.peek())) this.position++;
  }

  readCondition(): Condition {
    const column = this.readWord('a column name');
    this.skipSpaces();
    const operator = this.readOperator(column);
    this.skipSpaces();
    const value = this.readWord(`a value after '${column} ${operator}'`);

    const number = readNumber(value);
    return { column, operator, value, number };
  }

  /** Consumes the word `and`, in any case, between two conditions. */
  expectAnd(): void {
    const word = /^and(?=\s|['"]|$)/i.exec(this.text.slice(this.position));
    if (word === null) {
      throw this.fail(`expected 'and' before '${this.rest()}'`);
    }

    this.position += word[0].length;
    this.skipSpaces();
    if (this.atEnd()) throw this.fail("nothing follows the last 'and'");
  }

  private readOperator(column: string): Comparison {
    for (const [symbol, operator] of OPERATORS) {
      if (this.text.startsWith(symbol, this.position)) {
        this.position += symbol.length;
        return operator;
      }
    }

    const found = this.atEnd() ? 'the end' : `'${this.rest()}'`;
    throw this.fail(`expected one of =, !=, <, <=, >, >= after '${column}', found ${found}`);
  }

  /** Reads a quoted string or a bare word that ends at a space or an operator character. */
  private readWord(what: string): string {
    if (this.atEnd()) throw this.fail(`expected ${what}, found the end`);

    const quote = this.peek();
    if (quote === "'" || quote === '"') return this.readQuoted(quote);

    if (OPERATOR_CHARACTERS.includes(quote)) {
      throw this.fail(`expected ${what}, found '${this.rest()}'`);
    }

    const start = this.position;
    while (!this.atEnd() && !/\s/.test(this.peek()) && !OPERATOR_CHARACTERS.includes(this.peek())) {
      this.position++;
    }
    return this.text.slice(start, this.position);
  }

  private readQuoted(quote: string): string {
    const close = this.text.indexOf(quote, this.position + 1);
    if (close === -1)
      throw this.fail(`the quote at character ${this.position + 1} is never closed`);

    const word = this.text.slice(this.position + 1, close);
    this.position = close + 1;
    return word;
  }

  private peek(): string {
    return this.text[this.position] ?? '';
  }

  private rest(): string {
    return this.text.slice(this.position);
  }

  private fail(problem: string): PollVsPushError {
    return new PollVsPushError(
      'PVP_INVALID_OPTION',
      `${this.flag} '${this.text}' is not a valid filter: ${problem}; ${EXAMPLES}`,
    );
  }
}
