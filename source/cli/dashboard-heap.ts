import v8 from 'node:v8';

/**
 * A dashboard session is long-lived: V8 would double its young generation (16 -> 32 MB here)
 * once enough has survived collections, for throughput the dashboard does not need. Keeping it
 * at its initial size made RSS flat over 200 reruns (about 30 MB less) at the same CPU (see
 * docs/decisions.md). `--max-semi-space-size` cannot change once the heap exists; the growth
 * factor is read at each growth, so it can.
 */
export function keepYoungGenerationSmall(): void {
	v8.setFlagsFromString('--semi-space-growth-factor=1');
}
