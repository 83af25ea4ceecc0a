import type {MachineInfo, RunResult} from '../model/result-types.js';
import type {RunConfig} from '../model/run-config.js';

/** One run of a chapter: its settings over the defaults, and the command a learner would type for it. */
export type ChapterRun = {readonly label: string; readonly config: Partial<RunConfig>; readonly command: string};

/** Words quoted from the note, verbatim (its markdown left out), and the section they are in. */
type NoteQuote = {readonly section: string; readonly words: string};

/** An answer a learner may give, and the band of measured values that makes it right (stated in the chapter). */
export type Choice = {readonly key: string; readonly text: string; readonly band: readonly [low: number, high: number]};

/** What the learner predicts before the runs: the question, the answers and which is taken by default. */
export type Prediction = {
	readonly question: string;
	readonly choices: readonly Choice[];
	/** The answer Enter gives: the first guess a newcomer tends to make (the sum of the waits, one core's worth), never simply the right one. */
	readonly defaultKey: string;
	/** The unit of the measured value the bands are in ("s", "×", "∥"), for the grade's line. */
	readonly unit: string;
};

/** A figure a chapter measured, by name, as the text shows it and as its number. */
export type Figure = {readonly name: string; readonly value: number; readonly text: string};

/** What a chapter concluded from its runs: every sentence drawn from `figures`. */
export type ChapterOutcome = {
	readonly figures: readonly Figure[];
	/** The measured value graded against the prediction's bands, or null (no prediction, or nothing measured). */
	readonly graded: number | null;
	/** Whether this machine showed the note's claim; when not, `why` says what stood in the way. */
	readonly shown: boolean;
	readonly why: string | null;
	/** The lesson, in one or two sentences built from the figures. */
	readonly takeaway: string;
	/** Other programs' load that skewed the runs (said, and the prediction then not graded), or null; absent in older progress files. */
	readonly skew?: string | null;
};

/** What a chapter needs of the runs before it (chapter 8 gathers them). */
export type EarlierChapters = ReadonlyArray<{readonly chapter: Chapter; readonly results: readonly RunResult[]; readonly predicted: string | null; readonly outcome: ChapterOutcome | null}>;

/** What a chapter is judged with besides its runs: the machine, the chapters before, other programs' load just before. */
type JudgeContext = {readonly machine: MachineInfo; readonly earlier: EarlierChapters; readonly otherLoadNow: number | null};

export type Chapter = {
	readonly number: number;
	readonly title: string;
	/** The note's own words (docs/the-note.md, copied from shared/seed), each quoted verbatim under the section it is from. */
	readonly note: readonly NoteQuote[];
	/** The claim the chapter checks, in one line. */
	readonly claim: string;
	/** The runs, or why this machine cannot make them (one allowed core for a parallel chapter). */
	readonly runs: (machine: MachineInfo) => readonly ChapterRun[] | {readonly cannot: string};
	readonly prediction: Prediction | null;
	readonly judge: (results: readonly RunResult[], context: JudgeContext) => ChapterOutcome;
	/** About how long its runs take here, in seconds, said before it starts. */
	readonly seconds: (machine: MachineInfo) => number;
};

/** The choice whose band holds `value` (the first, where bands touch), or undefined. */
export function choiceFor(prediction: Prediction, value: number): Choice | undefined {
	return prediction.choices.find((choice) => value >= choice.band[0] && value < choice.band[1]);
}

/** How far an answer was from what was measured: right, the band beside it ("not quite"), or further ("far off"). */
export function gradeOf(prediction: Prediction, predicted: string, value: number): 'right' | 'not quite' | 'far off' {
	const chosen = prediction.choices.findIndex((choice) => choice.key === predicted);
	const actual = prediction.choices.findIndex((choice) => value >= choice.band[0] && value < choice.band[1]);
	if (chosen === actual) return 'right';
	return actual !== -1 && Math.abs(chosen - actual) === 1 ? 'not quite' : 'far off';
}

/** A chapter's outcome when it has no figures to judge: not shown, and why. */
export function withoutFigures(why: string, takeaway: string): ChapterOutcome {
	return {figures: [], graded: null, shown: false, why, takeaway};
}

/** A chapter's prediction graded against what it measured, or null: nothing asked or measured, or other programs' load skewed the run (not graded). */
export function gradeFor(chapter: Chapter, predicted: string | null, outcome: ChapterOutcome): ReturnType<typeof gradeOf> | null {
	if (!chapter.prediction || predicted === null || outcome.graded === null || outcome.skew) return null;
	return gradeOf(chapter.prediction, predicted, outcome.graded);
}
