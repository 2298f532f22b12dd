/**
 * Typical serverless price lists for `--cost-preset`. Each price is copied from the vendor's
 * own page named in `sources`, in US dollars, at the first usage tier, without free tiers,
 * compute time (GB-seconds) or data transfer. Prices change: docs/costs.md lists each page with
 * the date it was read, and `--cost-per-request` and `--cost-per-delivery` override a preset.
 */

/** A public page that states one of a preset's prices. */
export interface PriceSource {
  readonly url: string;
  /** The day the page was read, in ISO 8601. */
  readonly read: string;
  /** The page's statement of the price, paraphrased. */
  readonly states: string;
}

/** A named pair of prices and where they come from. */
export interface PricePreset {
  readonly name: string;
  /** The meaning of one request and one delivery under this preset, for the docs. */
  readonly description: string;
  /** Price of one request: a consumer's call and the producer's handling of it. */
  readonly perRequest: number;
  /** Price of one delivery: one push that the producer sends. */
  readonly perDelivery: number;
  readonly currency: 'USD';
  readonly sources: readonly PriceSource[];
}

const LAMBDA_SOURCE: PriceSource = {
  url: 'https://docs.aws.amazon.com/whitepapers/latest/how-aws-pricing-works/lambda.html',
  read: '2026-12-04',
  states: 'AWS Lambda requests cost $0.20 per million ($0.0000002 each) after the free tier',
};

const API_GATEWAY_SOURCE: PriceSource = {
  url:
    'https://docs.aws.amazon.com/whitepapers/latest/' +
    'best-practices-api-gateway-private-apis-integration/cost-optimization.html',
  read: '2026-12-04',
  states:
    'API Gateway HTTP API calls in us-east-1 cost $1.00 per million for the first 300 million ' +
    'a month; REST API calls cost $3.50 per million for the first 333 million a month',
};

// NOTE: each preset is a flat price at the first usage tier, so a month past 300 million HTTP API
// calls, where that page lists $0.90 per million, costs less than the table shows.
export const PRICE_PRESETS: readonly PricePreset[] = [
  {
    name: 'aws-lambda',
    description:
      'AWS Lambda: the producer answers each poll with one function invocation and sends each ' +
      'push from one invocation, $0.20/M each',
    perRequest: 0.2e-6,
    perDelivery: 0.2e-6,
    currency: 'USD',
    sources: [LAMBDA_SOURCE],
  },
  {
    name: 'aws-http-api',
    description:
      'Amazon API Gateway HTTP API in front of AWS Lambda: a poll costs an HTTP API call and an ' +
      'invocation, $1.20/M; a push is sent from one invocation, $0.20/M',
    perRequest: 1.2e-6,
    perDelivery: 0.2e-6,
    currency: 'USD',
    sources: [API_GATEWAY_SOURCE, LAMBDA_SOURCE],
  },
  {
    name: 'aws-rest-api',
    description:
      'Amazon API Gateway REST API in front of AWS Lambda: a poll costs a REST API call and an ' +
      'invocation, $3.70/M; a push is sent from one invocation, $0.20/M',
    perRequest: 3.7e-6,
    perDelivery: 0.2e-6,
    currency: 'USD',
    sources: [API_GATEWAY_SOURCE, LAMBDA_SOURCE],
  },
];

/** Returns the preset called `name`, or `undefined` when there is none. */
export function findPricePreset(name: string): PricePreset | undefined {
  return PRICE_PRESETS.find((preset) => preset.name === name);
}
