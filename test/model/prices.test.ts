import { describe, expect, it } from 'vitest';
import { PollVsPushError } from '../../src/errors.ts';
import { parsePrice, resolvePrices } from '../../src/model/prices.ts';

describe('parsePrice', () => {
  it.each([
    ['0.0000004', 0.0000004],
    ['4e-7', 4e-7],
    ['0.40/M', 0.4e-6],
    ['0.40 / M', 0.4e-6],
    ['2/k', 0.002],
    ['$1.20/M', 1.2e-6],
    ['0', 0],
    ['.5', 0.5],
  ])('reads %s', (text, expected) => {
    expect(parsePrice('--cost-per-request', text)).toBeCloseTo(expected, 15);
  });

  it.each(['-1', '-0.4/M', '$-1', 'abc', '0.4/m', '0.4/G', '1e400', '', '0.4/M/M'])(
    'rejects %j',
    (text) => {
      expect(() => parsePrice('--cost-per-request', text)).toThrow(PollVsPushError);
    },
  );

  it('names flag and value', () => {
    expect(() => parsePrice('--cost-per-delivery', '-3')).toThrow(
      '--cost-per-delivery must be a price of zero or more, such as 0.0000004, 4e-7 or 0.40/M ' +
        "(0.40 per million; /k is per thousand), got '-3'",
    );
  });
});

describe('resolvePrices', () => {
  it('returns nothing without options', () => {
    expect(resolvePrices({})).toBeUndefined();
  });

  it('takes both prices from a preset', () => {
    expect(resolvePrices({ preset: 'aws-http-api' })).toEqual({
      perRequest: 1.2e-6,
      perDelivery: 0.2e-6,
      preset: 'aws-http-api',
      currency: 'USD',
    });
  });

  it('lets a flag replace a preset price', () => {
    const prices = resolvePrices({ preset: 'aws-lambda', perDelivery: '1/M' });

    expect(prices?.perDelivery).toBeCloseTo(1e-6, 15);
    expect(prices?.perRequest).toBe(0.2e-6);
    expect(prices?.currency).toBeUndefined();
  });

  it('reads two given prices', () => {
    const prices = resolvePrices({ perRequest: '0.4/M', perDelivery: '0' });

    expect(prices?.perRequest).toBeCloseTo(0.4e-6, 15);
    expect(prices?.perDelivery).toBe(0);
  });

  it('rejects an unknown preset', () => {
    expect(() => resolvePrices({ preset: 'gcp' })).toThrow(
      "--cost-preset names an unknown price list 'gcp'; known presets: aws-lambda, " +
        'aws-http-api, aws-rest-api',
    );
  });

  it('rejects one price alone', () => {
    expect(() => resolvePrices({ perRequest: '0.4/M' })).toThrow(
      '--cost-per-request needs --cost-per-delivery as well',
    );
  });

  it('codes a lone price as missing', () => {
    const error = captureError(() => resolvePrices({ perDelivery: '1/M' }));

    expect(error?.code).toBe('PVP_MISSING_VALUE');
  });
});

function captureError(run: () => unknown): PollVsPushError | undefined {
  try {
    run();
    return undefined;
  } catch (error: unknown) {
    return error instanceof PollVsPushError ? error : undefined;
  }
}
