import { invalidOption, PollVsPushError } from '../errors.ts';
import type { PricePreset } from './price-presets.ts';
import { findPricePreset, PRICE_PRESETS } from './price-presets.ts';

/** The price of one request and of one delivery, in one currency. */
export interface Prices {
  /** Price of one request: a consumer's call to the producer and its handling. */
  readonly perRequest: number;
  /** Price of one delivery: one push that the producer sends, retries and copies included. */
  readonly perDelivery: number;
  /** The `--cost-preset` the prices started from, when one was given. */
  readonly preset?: string;
  /** The currency, set only when both prices come from a preset, whose currency is known. */
  readonly currency?: 'USD';
}

/** The cost options as the user wrote them. */
export interface PriceInput {
  readonly preset?: string;
  readonly perRequest?: string;
  readonly perDelivery?: string;
}

/**
 * Matches a price: a number of zero or more, optionally after a `$`, optionally followed by
 * `/M` (per million) or `/k` (per thousand). Exponents such as `4e-7` are accepted.
 */
const PRICE_PATTERN = /^\$?((?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?)(?:\s*\/\s*(M|k))?$/;

const PER_UNIT: Readonly<Record<string, number>> = { M: 1e6, k: 1e3 };

const PRICE_FORM = 'such as 0.0000004, 4e-7 or 0.40/M (0.40 per million; /k is per thousand)';

/** Reads a price such as `0.0000004` or `0.40/M` into the price of one unit. */
export function parsePrice(flag: string, text: string): number {
  const trimmed = text.trim();
  if (trimmed.startsWith('-') || trimmed.startsWith('$-')) {
    throw invalidOption(flag, text, `a price of zero or more, ${PRICE_FORM}`);
  }

  const match = PRICE_PATTERN.exec(trimmed);
  const per = match?.[2] === undefined ? 1 : (PER_UNIT[match[2]] as number);
  const value = match === null ? Number.NaN : Number(match[1]) / per;
  if (!Number.isFinite(value)) throw invalidOption(flag, text, `a price ${PRICE_FORM}`);
  return value;
}

/**
 * Resolves the cost options into prices, or `undefined` when none was given. A preset sets both
 * prices, and `--cost-per-request` or `--cost-per-delivery` replaces the one it names. Without
 * a preset both are needed, so that a forgotten price is not taken as free.
 */
export function resolvePrices(input: PriceInput): Prices | undefined {
  const { preset: name, perRequest, perDelivery } = input;
  if (name === undefined && perRequest === undefined && perDelivery === undefined) return undefined;

  const preset = name === undefined ? undefined : readPreset(name);
  if (preset === undefined) checkBothGiven(perRequest, perDelivery);

  const prices = {
    perRequest:
      perRequest === undefined
        ? (preset?.perRequest as number)
        : parsePrice('--cost-per-request', perRequest),
    perDelivery:
      perDelivery === undefined
        ? (preset?.perDelivery as number)
        : parsePrice('--cost-per-delivery', perDelivery),
  };

  if (preset === undefined) return prices;
  const presetOnly = perRequest === undefined && perDelivery === undefined;
  return presetOnly
    ? { ...prices, preset: preset.name, currency: preset.currency }
    : { ...prices, preset: preset.name };
}

function readPreset(name: string): PricePreset {
  const preset = findPricePreset(name.trim());
  if (preset !== undefined) return preset;

  const names = PRICE_PRESETS.map((known) => known.name).join(', ');
  throw new PollVsPushError(
    'PVP_INVALID_OPTION',
    `--cost-preset names an unknown price list '${name}'; known presets: ${names}, or give ` +
      '--cost-per-request and --cost-per-delivery instead',
  );
}

function checkBothGiven(perRequest: string | undefined, perDelivery: string | undefined): void {
  if (perRequest !== undefined && perDelivery !== undefined) return;

  const missing = perRequest === undefined ? '--cost-per-request' : '--cost-per-delivery';
  const present = perRequest === undefined ? '--cost-per-delivery' : '--cost-per-request';

  throw new PollVsPushError(
    'PVP_MISSING_VALUE',
    `${present} needs ${missing} as well, such as ${missing} 0.40/M (write 0 if it is free), ` +
      'or a --cost-preset to take the other price from',
  );
}
