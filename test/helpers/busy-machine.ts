// Tests that hold on a busy machine. A speedup or a parallelism holds only when the cores were
// free; concur-tui measures other programs' load and marks a run it skewed. So a timing claim is
// asserted when the run's own JSON says nothing skewed it, and otherwise the test asserts what
// the product said instead: that it measured the load and named it. Never a silent pass: the
// skew branch checks the JSON's figures against the threshold, independently of the product's
// code, and says on stderr that it was taken.
import {expect} from 'vitest';
import type {EngineResult, RunResult} from '../../source/model/result-types.js';
import type {EngineName} from '../../source/model/run-config.js';

/** The product's stated rule (docs/decisions.md): a quarter of a core of other load, on average. */
export const otherLoadThresholdCores = 0.25;

/**
 * Whether other programs could have slowed this engine, by the rule the product states, computed
 * here from the JSON alone: at least a quarter of a core of other load while the engine ran, the
 * engine itself wanting the CPU, and the machine's cores full meanwhile.
 */
function skewedByLoad(engine: EngineResult, cores: number): boolean {
	const load = engine.otherLoadCores;
	if (load === null || load < otherLoadThresholdCores || engine.parallelism < otherLoadThresholdCores) return false;
	if (engine.coreSamples.length === 0) return true;
	let busy = 0;
	for (const sample of engine.coreSamples) for (const core of sample.busy) busy += core;
	return busy / engine.coreSamples.length >= cores - otherLoadThresholdCores;
}

/**
 * Asserts `claim` (a timing a quiet machine gives) unless other load skewed one of `engines` in
 * this run; then asserts that the run said so (each such engine's other load measured above the
 * threshold and named in the verdict or report) and returns 'skewed'.
 */
export function expectUnlessSkewed(result: RunResult, engines: readonly EngineName[], claim: () => void, report = result.verdict): 'claim' | 'skewed' {
	const skewed = result.engines.filter((engine) => engines.includes(engine.engine) && skewedByLoad(engine, result.machine.cores));
	if (skewed.length === 0) {
		claim();
		return 'claim';
	}

	expect(report).toMatch(/other programs used/i);
	for (const engine of skewed) {
		expect(engine.otherLoadCores!).toBeGreaterThanOrEqual(otherLoadThresholdCores);
		// "other programs used 1.0 cores during the async run and 0.9 during threads"
		expect(report).toMatch(new RegExp(`${engine.otherLoadCores!.toFixed(1).replace('.', '\\.')}( cores)? during (the )?${engine.engine}`));
	}

	process.stderr.write(`busy machine: ${skewed.map((engine) => `${engine.engine} had ${engine.otherLoadCores!.toFixed(2)} cores of other load`).join(', ')}; asserted the product's judgement instead of the timing\n`);
	return 'skewed';
}
