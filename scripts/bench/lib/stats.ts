/** Summaries of repeated measurements. */

/** The median of `samples` (the mean of the middle two for an even count); NaN for none. */
export const median = (samples: ReadonlyArray<number>): number => {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/** Median, extremes and every sample, as written to the JSON results. */
export interface Summary {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly samples: ReadonlyArray<number>;
}

export const summarize = (samples: ReadonlyArray<number>): Summary => ({
  median: median(samples),
  min: Math.min(...samples),
  max: Math.max(...samples),
  samples,
});

/** Rounds for display and JSON: `digits` decimals. */
export const round = (value: number, digits = 2): number => Math.round(value * 10 ** digits) / 10 ** digits;
