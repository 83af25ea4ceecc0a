import type {MachineInfo, RunResult} from '../model/result-types.js';
import {withoutFigures, type Chapter, type ChapterOutcome, type ChapterRun, type EarlierChapters} from './chapter.js';
import {busyFloorCores} from './chapters/machine.js';
import {otherLoadOver} from './machine-load.js';
import {runChapter, type RunMaker} from './run-chapter.js';

/** One chapter as the tour went through it. */
export type ChapterRecord = {
	readonly chapter: Chapter;
	/** The learner's answer (its key), or null for a chapter that asks none. */
	readonly predicted: string | null;
	readonly runs: readonly ChapterRun[];
	readonly results: readonly RunResult[];
	readonly outcome: ChapterOutcome;
	/** Other programs' load (cores) measured before the chapter, where it was. */
	readonly otherLoadBefore: number | null;
};

export type TourHooks = {
	/** The learner's prediction for a chapter that asks one (its key; the default where no one answers). */
	readonly predict: (chapter: Chapter) => Promise<string>;
	/** A chapter begins: its title, the note's words and its claim are said, before the prediction. */
	readonly introduce: (chapter: Chapter) => void;
	/** As each of a chapter's runs begins: what it runs (said then, not all at once before the first). */
	readonly running: (run: ChapterRun) => void;
	/** A chapter is over (the next waits for what this returns). */
	readonly ended: (record: ChapterRecord) => void | Promise<void>;
	/** Whether to wait for a busy machine to quieten before chapter 0 is judged (bounded). */
	readonly waitForQuiet: boolean;
	/** How each run is made (headless when not given). */
	readonly makeRun?: RunMaker;
};

/** How long chapter 0 measures the load, and how many more times it looks when the machine is busy. */
const loadSampleMs = 1000;
const quietTries = 3;

/**
 * Goes through `chapters` in order: for each, the prediction, the runs (or why this machine
 * cannot make them), and the outcome its judge draws from the figures. Stops at an abort.
 */
export async function runTour(chapters: readonly Chapter[], machine: MachineInfo, hooks: TourHooks, signal: AbortSignal, kept: EarlierChapters = []): Promise<ChapterRecord[]> {
	const records: ChapterRecord[] = [];
	for (const chapter of chapters) {
		if (signal.aborted) break;
		// The chapters taken before (kept from an earlier session, or this one's), the latest of each.
		const earlier = [...kept.filter((each) => !records.some((record) => record.chapter.number === each.chapter.number)), ...records.map((record) => ({chapter: record.chapter, results: record.results, predicted: record.predicted, outcome: record.outcome}))];
		// eslint-disable-next-line no-await-in-loop -- a tour goes one chapter after another
		records.push(await oneChapter(chapter, machine, hooks, signal, earlier));
		// Stopped meanwhile (q at a prompt, a signal): said by whoever stopped it, not as a chapter's end.
		if (signal.aborted) break;
		// eslint-disable-next-line no-await-in-loop
		await hooks.ended(records.at(-1)!);
	}

	return records;
}

async function oneChapter(chapter: Chapter, machine: MachineInfo, hooks: TourHooks, signal: AbortSignal, earlier: EarlierChapters): Promise<ChapterRecord> {
	const planned = chapter.runs(machine);
	hooks.introduce(chapter);
	const predicted = chapter.prediction && !('cannot' in planned) ? await hooks.predict(chapter) : null;
	if (signal.aborted) return {chapter, predicted, runs: [], results: [], outcome: withoutFigures('interrupted', 'Interrupted before its runs.'), otherLoadBefore: null};
	let otherLoadBefore: number | null = null;
	if (chapter.number === 0) {
		otherLoadBefore = await otherLoadOver(loadSampleMs);
		for (let tries = 0; hooks.waitForQuiet && tries < quietTries && otherLoadBefore !== null && otherLoadBefore >= busyFloorCores && !signal.aborted; tries++) {
			// eslint-disable-next-line no-await-in-loop -- looking again, a second at a time, a few times at most
			otherLoadBefore = await otherLoadOver(loadSampleMs);
		}
	}

	if ('cannot' in planned) {
		const outcome: ChapterOutcome = withoutFigures(planned.cannot, 'Not measured here.');
		return {chapter, predicted, runs: [], results: [], outcome, otherLoadBefore};
	}

	const results = await runChapter(planned, machine, signal, hooks.makeRun, hooks.running);
	const outcome =
		// Stopped mid-run (Ctrl+C, SIGTERM, a hang-up): the run's figures are partial, so nothing is judged from them.
		results.length < planned.length || signal.aborted
			? withoutFigures('interrupted', 'Interrupted before its runs ended.')
			: chapter.judge(results, {machine, earlier, otherLoadNow: otherLoadBefore});
	return {chapter, predicted, runs: planned, results, outcome, otherLoadBefore};
}
