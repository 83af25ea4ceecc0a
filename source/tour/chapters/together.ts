import {engineKinds} from '../../config/engine-kinds.js';
import type {Chapter, EarlierChapters, Figure} from '../chapter.js';
import {gradeFor} from '../chapter.js';

/** A figure an earlier chapter measured, by the chapter's number and the figure's name, or undefined. */
function earlierFigure(earlier: EarlierChapters, number: number, name: string): Figure | undefined {
	return earlier.find((each) => each.chapter.number === number)?.outcome?.figures.find((figure) => figure.name === name);
}

/** Chapter 8: the note's Differences table, with this machine's measurements and the learner's predictions beside. */
export const togetherChapter: Chapter = {
	number: 8,
	title: 'Putting it together',
	note: [{section: 'Putting it together', words: 'Async: How you write code so it doesn\'t block.'}, {section: 'Putting it together', words: 'Multithreading: Multiple flows of execution in one process.'}, {section: 'Putting it together', words: 'Multicore: Hardware capability enabling real parallelism.'}],
	claim: 'the note\'s Differences table, each row beside what this machine measured',
	runs: () => [],
	prediction: null,
	seconds: () => 0,
	judge: (_results, {earlier}) => {
		// Each row quotes the figures of the chapters that measured it; they are this chapter's figures too.
		const quoted: Figure[] = [];
		const quote = (number: number, name: string, words: (text: string) => string): string | null => {
			const found = earlierFigure(earlier, number, name);
			if (!found) return null;
			quoted.push({...found, name: `chapter ${number}: ${found.name}`});
			// A figure from a chapter that did not show its claim is no evidence for the row: said so beside it.
			const notShown = earlier.find((each) => each.chapter.number === number)?.outcome?.shown === false;
			return `${words(found.text)}${notShown ? ` (chapter ${number} did not show its claim)` : ''}${guessed(number)}`;
		};

		// The learner's answer beside the figure it was graded on, once per chapter: " (you: about 2 s, right)".
		const said = new Set<number>();
		const guessed = (number: number): string => {
			const taken = earlier.find((each) => each.chapter.number === number);
			const prediction = taken?.chapter.prediction;
			if (!prediction || !taken.outcome || said.has(number)) return '';
			const grade = gradeFor(taken.chapter, taken.predicted, taken.outcome);
			const chosen = prediction.choices.find((choice) => choice.key === taken.predicted);
			if (grade === null || !chosen) return '';
			said.add(number);
			return ` (you: ${chosen.text.replace(/ \(.*\)$/, '')}, ${grade})`;
		};

		const rows = [
			{engine: 'async' as const, measured: [quote(1, 'three waits', (text) => `3 waits of 2 s in ${text}`), quote(6, 'parallelism with libuv\'s pool', (text) => `∥ ${text} hashing on libuv's pool`)]},
			{engine: 'threads' as const, measured: [quote(3, 'parallelism', (text) => `∥ ${text} on one core`), quote(4, 'threads\' speedup over async', (text) => `speedup ${text} over async on all cores`)]},
			{engine: 'processes' as const, measured: [quote(4, 'processes\' speedup over async', (text) => `speedup ${text} over async on all cores`), quote(5, 'processes memory of threads', (text) => `${text} the threads' memory`)]},
		];
		const lines = rows.map(({engine, measured}) => {
			const {seed} = engineKinds[engine];
			const shown = measured.filter((text): text is string => text !== null);
			return `${seed.model} (${seed.level}; needs multiple cores? ${seed.cores}; threads? ${seed.threads}): ${shown.length > 0 ? shown.join(', ') : 'not measured in this tour'}`;
		});
		const made = earlier.filter((each) => each.chapter.prediction !== null && each.predicted !== null && each.outcome);
		const graded = made.filter((each) => gradeFor(each.chapter, each.predicted, each.outcome!) !== null);
		const right = graded.filter((each) => gradeFor(each.chapter, each.predicted, each.outcome!) === 'right');
		const count = (name: string, value: number) => ({name, value, text: String(value)});
		// In chapter order, as the table's rows are not.
		quoted.sort((a, b) => Number(/\d+/.exec(a.name)![0]) - Number(/\d+/.exec(b.name)![0]));
		const ungraded = made.length - graded.length;
		const figures = [...quoted, ...(made.length > 0 ? [count('predictions right', right.length), count('predictions graded', graded.length), count('predictions not graded', ungraded)] : [])];
		const predictions = made.length > 0 ? ` Your predictions: ${right.length} of ${graded.length} graded right${ungraded > 0 ? ` (${ungraded} not graded: other programs' load skewed those runs)` : ''}.` : '';
		// Nothing measured before it (the chapter taken alone, on fresh progress): the table has no figure to show.
		const shown = quoted.length > 0;
		return {figures, graded: null, shown, why: shown ? null : 'no chapter before it measured a figure for the table (chapters 1 to 7 do)', takeaway: `${lines.join('. ')}.${predictions}`};
	},
};
