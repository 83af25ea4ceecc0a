import type {MachineInfo} from '../model/result-types.js';
import {times} from '../result/format.js';
import {choiceFor, gradeFor, type Chapter, type ChapterRun, type Prediction} from './chapter.js';
import type {ChapterRecord} from './tour-session.js';

const lastChapter = 8;

/** A graded value as its prediction's bands are written. */
function gradedText(prediction: Prediction, value: number): string {
	if (prediction.unit === 's') return `${value.toFixed(2)} s`;
	if (prediction.unit === '×') return times(value);
	return value.toFixed(2);
}

/** The note's words a chapter quotes: a line per section, quoted as written there. */
function noteLines(chapter: Chapter): string[] {
	const sections: Array<{section: string; words: string[]}> = [];
	for (const {section, words} of chapter.note) {
		const last = sections.at(-1);
		if (last?.section === section) last.words.push(words);
		else sections.push({section, words: [words]});
	}

	return sections.map(({section, words}) => `  The note (${section}): "${words.join(' ')}"`);
}

/** Before a chapter: its number among the chapters (numbered from 0), its title and length, and the note's words. */
export function chapterHeader(chapter: Chapter, machine: MachineInfo): string[] {
	const length = chapter.seconds(machine);
	return [`Chapter ${chapter.number} (of 0-${lastChapter}): ${chapter.title}${length >= 1 ? ` (about ${Math.round(length)} s)` : ''}`, ...noteLines(chapter)];
}

/** The question and its answers, each with its band, and the default. */
export function predictionLines(prediction: Prediction): string[] {
	return [`  Predict: ${prediction.question}`, ...prediction.choices.map((choice) => `    ${choice.key}) ${choice.text}${choice.key === prediction.defaultKey ? '   (default)' : ''}`)];
}

/** A run as it begins, with the command a learner can type for it. */
export function runLine(run: ChapterRun): string {
	return `  Running ${run.label}: ${run.command}`;
}

/** After a chapter: the prediction graded, the figures, whether the claim showed, and the takeaway. */
export function chapterResultLines(record: ChapterRecord): string[] {
	const {chapter, outcome, predicted} = record;
	const lines: string[] = [];
	if (outcome.figures.length > 0) lines.push(`  Measured: ${outcome.figures.map((figure) => `${figure.name} ${figure.text}`).join(' · ')}`);
	const prediction = chapter.prediction;
	if (prediction && predicted !== null && outcome.graded !== null) {
		const chosen = prediction.choices.find((choice) => choice.key === predicted)!;
		const actual = choiceFor(prediction, outcome.graded);
		const grade = gradeFor(chapter, predicted, outcome);
		const verdict = grade === null ? 'not graded, other programs used the cores meanwhile' : grade === 'right' ? 'right' : `${grade}, that is ${actual ? `${actual.key}) ${actual.text}` : 'outside every band'}`;
		lines.push(`  You predicted ${chosen.key}) ${chosen.text}; measured ${gradedText(prediction, outcome.graded)}: ${verdict}.`);
	}

	// The claim after the run, not before: said before the prediction, it would give the answer away.
	const skewed = outcome.shown && outcome.skew ? [`  Though ${outcome.skew}: its figures may be off.`] : [];
	lines.push(`  The claim: ${chapter.claim}.`, outcome.shown ? `  Shown on this machine.` : `  Not shown on this machine: ${outcome.why ?? 'unknown'}.`, ...skewed, `  Takeaway: ${outcome.takeaway}`);
	return lines;
}

/** The last lines: how many claims showed, and which did not, with why. */
export function tourSummary(all: readonly ChapterRecord[]): string[] {
	// A chapter run again counts once, as it ended last.
	const records = [...new Map(all.map((record) => [record.chapter.number, record])).values()];
	const notShown = records.filter((record) => !record.outcome.shown);
	// Fewer than the whole tour (a session that resumed, or stopped): the count says it is this session's.
	const taken = records.length < lastChapter + 1 ? ' taken this time' : '';
	return [`${records.length - notShown.length} of ${records.length} ${records.length === 1 ? 'chapter' : 'chapters'}${taken} showed ${records.length === 1 ? 'its' : 'their'} claim on this machine.`, ...notShown.map((record) => `  Chapter ${record.chapter.number} (${record.chapter.title}) did not: ${record.outcome.why ?? 'unknown'}.`)];
}

/** 0 when every chapter showed its claim; 1 when one could not (the summary says why). */
export function tourExitCode(all: readonly ChapterRecord[]): number {
	const records = [...new Map(all.map((record) => [record.chapter.number, record])).values()];
	return records.every((record) => record.outcome.shown) ? 0 : 1;
}

/** The tour as JSON: per chapter its claim, prediction, runs, figures, grade, whether it showed, and the takeaway. */
export function tourDocument(records: readonly ChapterRecord[], machine: MachineInfo): Record<string, unknown> {
	return {
		schema: 1,
		machine,
		allShown: tourExitCode(records) === 0,
		chapters: records.map(({chapter, predicted, runs, results, outcome, otherLoadBefore}) => chapterDocument(chapter, predicted, outcome, {runs, results, otherLoadBefore})),
	};
}

/** One chapter in the tour's JSON. */
function chapterDocument(chapter: Chapter, predicted: string | null, outcome: ChapterRecord['outcome'], {runs, results, otherLoadBefore}: Pick<ChapterRecord, 'runs' | 'results' | 'otherLoadBefore'>): Record<string, unknown> {
	const grade = gradeFor(chapter, predicted, outcome);
	return {
		number: chapter.number,
		title: chapter.title,
		note: chapter.note,
		claim: chapter.claim,
		prediction: chapter.prediction && {
			question: chapter.prediction.question,
			choices: chapter.prediction.choices.map((choice) => ({key: choice.key, text: choice.text, band: [choice.band[0], Number.isFinite(choice.band[1]) ? choice.band[1] : null]})),
			predicted,
			measured: outcome.graded,
			// Null where not graded (nothing measured, or other programs skewed the run).
			right: grade === null ? null : grade === 'right',
		},
		commands: runs.map((run) => run.command),
		figures: outcome.figures,
		shown: outcome.shown,
		why: outcome.why,
		skew: outcome.skew ?? null,
		takeaway: outcome.takeaway,
		otherLoadBefore,
		runIds: results.map((result) => result.runId),
	};
}
