import type {CoreSample} from '../model/result-types.js';
import {otherProgramsCores} from '../run-model/run-model.js';
import {coreSampleIntervalMs} from '../model/sampling.js';

/** "Cores used" is a peak over windows this long: 5 samples, so /proc's 10 ms ticks blur it by ≤ 0.01 core per process. */
const coresUsedWindowMs = 1000;

const round2 = (value: number) => Math.round(value * 100) / 100;
const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

/**
 * The engine's own cores and the other programs' load while it ran, from the samples that
 * overlap its window (`t` relative to its start, each covering the interval before it).
 * Only samples wholly inside the window count, so a pool's start-up before the window does not
 * inflate the first; a run too short for any counts as its average (`parallelism`), as does an
 * OS where trees cannot be read.
 */
export function engineLoad(
	samples: readonly CoreSample[],
	elapsedMs: number,
	parallelism: number,
	intervalMs = coreSampleIntervalMs,
): {coresUsed: number | null; otherLoadCores: number | null} {
	const inside = samples.filter((sample) => sample.t - intervalMs >= -1 && sample.t <= elapsedMs + 1);
	const counted = inside.length > 0 ? inside : samples;
	const engineCores = inside.map((sample) => sample.engineCores).filter((cores): cores is number => cores !== null);
	const perWindow = Math.max(1, Math.round(coresUsedWindowMs / intervalMs));
	let peak: number | null = null;
	if (engineCores.length > 0) {
		const windows = Math.max(1, engineCores.length - perWindow + 1);
		for (let start = 0; start < windows; start++) {
			const window = mean(engineCores.slice(start, start + perWindow));
			peak = peak === null ? window : Math.max(peak, window);
		}
	}

	const others = counted.map((sample) => otherProgramsCores(sample)).filter((cores): cores is number => cores !== null);
	return {
		// Never below the average over the whole window (the host's own measurement, on every OS).
		coresUsed: round2(Math.max(peak ?? 0, parallelism)),
		otherLoadCores: others.length > 0 ? round2(mean(others)) : null,
	};
}
