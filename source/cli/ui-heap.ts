import v8 from 'node:v8';

/**
 * concur-tui's own process needs little young generation: V8 would double it (16 -> 32 MB here)
 * once enough has survived collections, for throughput the UI does not need. Kept at its initial
 * size, a dashboard's RSS stayed flat over 200 reruns (about 30 MB less) at the same CPU, and a
 * headless run's peak fell from 80-83 to 68-70 MB at 10,000 tasks on each engine, 133 to 106 MB
 * at 100,000 (see docs/decisions.md). `--max-semi-space-size` cannot change once the heap
 * exists, and the growth factor given on the command line did not hold here; set at run time it
 * is read at each growth.
 */
export function keepYoungGenerationSmall(): void {
	v8.setFlagsFromString('--semi-space-growth-factor=1');
}
