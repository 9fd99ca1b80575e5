// @ts-check
/**
 * Preloaded (`node --import`) into a process the bench measures: on exit, writes the process's
 * own peak resident set (`process.resourceUsage().maxRSS`, kilobytes) and the peaks of
 * `process.memoryUsage()` sampled every 25 ms (heap, external, array buffers: where the memory
 * went) as JSON to the file named by ROLLCALL_BENCH_MEMORY_REPORT. Plain JavaScript, so that
 * measuring loads no TypeScript loader into the process measured.
 */
import { writeFileSync } from 'node:fs';
import process from 'node:process';

const reportPath = process.env.ROLLCALL_BENCH_MEMORY_REPORT;
if (reportPath) {
  /** @type {Record<string, number>} */
  const peaks = { rss: 0, heapTotal: 0, heapUsed: 0, external: 0, arrayBuffers: 0 };
  const sample = () => {
    const usage = process.memoryUsage();
    for (const key of Object.keys(peaks)) {
      peaks[key] = Math.max(
        peaks[key] ?? 0,
        /** @type {Record<string, number>} */ (/** @type {unknown} */ (usage))[key] ?? 0,
      );
    }
  };
  setInterval(sample, 25).unref();
  process.on('exit', () => {
    sample();
    writeFileSync(reportPath, JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS, peaks }));
  });
}
