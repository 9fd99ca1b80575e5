/**
 * How V8 sizes the heap of a `rollcall export` process. V8 is tuned for throughput on a machine
 * with memory to spare: it grows the young generation to 32 MB (two semi-spaces of 16 MB) and
 * lets the old one reach up to four times what its last full collection left live before it
 * collects again. An export makes garbage fast and keeps little (rows beyond the memory budget go
 * to disk), so at 200 000 users that tuning, not the data, made most of its peak memory: 400 MB
 * resident, a heap of 260 MB when full collections left 30 to 50 MB live. Measured there on Node
 * 20, with the old generation allowed 1.5× what is live and the young one kept at its start-up
 * size (8 MB): about 180 MB resident, for about 15 % more time (a quarter more CPU time, spent
 * collecting). The settings are the process's, so only the CLI makes them; Bun, not built on V8,
 * ignores them.
 */
import * as v8 from 'node:v8';

/** The old generation may grow by this percentage of what the last full collection left. */
export const HEAP_GROWING_PERCENT = 50;

/** Applies the settings above to this process (V8 reads them at each collection). */
export const sizeHeapForExport = (): void => {
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  // Semi-spaces grow by this factor when the young generation fills; 1 keeps their start-up size.
  v8.setFlagsFromString('--semi-space-growth-factor=1');
};
