import type {EngineResult, RunResult} from '../../model/result-types.js';
import type {EngineName} from '../../model/run-config.js';
import {skewedByOtherLoad} from '../../result/evidence.js';
import {megabytes, milliseconds, seconds, times} from '../../result/format.js';
import type {Figure} from '../chapter.js';

/** An engine's result in a run, or undefined where it did not run or did not finish every task. */
export function finished(result: RunResult | undefined, engine: EngineName): EngineResult | undefined {
	const found = result?.engines.find((each) => each.engine === engine);
	return found?.complete && found.tasks.every((task) => task.ok) ? found : undefined;
}

/** Figures as the tour shows them: the text is what its sentences quote. */
export const figure = {
	seconds: (name: string, ms: number): Figure => ({name, value: ms / 1000, text: seconds(ms)}),
	parallelism: (name: string, value: number): Figure => ({name, value, text: value.toFixed(2)}),
	times: (name: string, ratio: number): Figure => ({name, value: ratio, text: times(ratio)}),
	ms: (name: string, ms: number): Figure => ({name, value: ms, text: milliseconds(ms)}),
	megabytes: (name: string, bytes: number): Figure => ({name, value: bytes / 1024 / 1024, text: megabytes(bytes)}),
	cores: (name: string, cores: number): Figure => ({name, value: cores, text: cores.toFixed(1)}),
	count: (name: string, count: number): Figure => ({name, value: count, text: String(count)}),
};

/** Why a run's figures cannot be trusted for a claim, or null: other programs held the cores. */
export function skewNote(result: RunResult | undefined, engines: readonly EngineName[]): string | null {
	if (!result) return 'the run did not finish';
	const skewed = result.engines.filter((engine) => engines.includes(engine.engine) && skewedByOtherLoad(engine, result.machine.cores));
	if (skewed.length === 0) return null;
	return `other programs used ${skewed.map((engine) => `${engine.otherLoadCores!.toFixed(1)} cores during ${engine.engine}`).join(' and ')}, so the cores were not this run's alone`;
}

/** Why an engine gave no figures: it did not finish, or a task failed. */
export function missing(result: RunResult | undefined, engine: EngineName): string {
	const found = result?.engines.find((each) => each.engine === engine);
	if (!found) return `${engine} did not run`;
	if (!found.complete) return `${engine} did not finish${found.error ? `: ${found.error}` : ''}`;
	return `${engine}: ${found.tasks.filter((task) => !task.ok).length} of ${found.tasks.length} tasks failed`;
}

/** Whether the claim showed: `why` is what stood in the way (null: nothing), with other programs' load where it was there too (kept as `skew` either way). */
export function claimShown(why: string | null, skew: string | null): {shown: boolean; why: string | null; skew: string | null} {
	if (why === null) return {shown: true, why: null, skew};
	return {shown: false, why: skew ? `${why}, while ${skew}` : why, skew};
}
