import { build } from 'hdr-histogram-js';

/** Latency figures in milliseconds, as reported. */
export interface LatencySummary {
  readonly mean: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
}

/** One point of a latency distribution: this share of latencies was at most `ms`. */
export interface CdfPoint {
  readonly ms: number;
  readonly share: number;
}

/**
 * The shares at which `LatencyStats.cdf` reads the distribution: every percent, and finer steps
 * in the tail, where the worst latencies sit.
 */
const CDF_SHARES: readonly number[] = [
  ...Array.from({ length: 100 }, (_, index) => index / 100),
  0.995,
  0.999,
  1,
];

/**
 * Collects notification latencies. The count, mean, min and max are exact. Percentiles come
 * from an HDR histogram (hdr-histogram-js) over whole microseconds with 3 significant digits,
 * so each is within 0.1% of the exact value. They are clamped to the exact min and max.
 */
export class LatencyStats {
  private readonly histogram = build({ numberOfSignificantValueDigits: 3, bitBucketSize: 64 });
  private count = 0;
  private sum = 0;
  private min = Number.POSITIVE_INFINITY;
  private max = 0;

  record(latencyMs: number): void {
    this.count++;
    this.sum += latencyMs;
    if (latencyMs < this.min) this.min = latencyMs;
    if (latencyMs > this.max) this.max = latencyMs;
    this.histogram.recordValue(Math.max(0, Math.round(latencyMs * 1000)));
  }

  get samples(): number {
    return this.count;
  }

  /** Returns the summary; every figure is 0 when nothing was recorded. */
  summary(): LatencySummary {
    if (this.count === 0) return { mean: 0, p50: 0, p95: 0, p99: 0, max: 0 };

    return {
      mean: this.sum / this.count,
      p50: this.percentile(50),
      p95: this.percentile(95),
      p99: this.percentile(99),
      max: this.max,
    };
  }

  /**
   * Returns the distribution of latencies as points from the smallest to the largest, read from
   * the histogram at fixed shares; empty when nothing was recorded.
   */
  cdf(): CdfPoint[] {
    if (this.count === 0) return [];
    return CDF_SHARES.map((share) => ({ ms: this.percentile(share * 100), share }));
  }

  private percentile(percent: number): number {
    const value = this.histogram.getValueAtPercentile(percent) / 1000;
    return Math.min(this.max, Math.max(this.min, value));
  }
}
