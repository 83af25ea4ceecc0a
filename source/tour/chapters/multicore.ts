import type {MachineInfo, RunResult} from '../../model/result-types.js';
import {coresText, times} from '../../result/format.js';
import {withoutFigures, type Chapter} from '../chapter.js';
import {claimShown, figure, finished, missing, skewNote} from './figures.js';

const oneCore = (machine: MachineInfo) => ({cannot: `this run may use ${coresText(machine.cores)}: parallelism needs two or more (a machine given one CPU, a quota of one core)`});

/** Chapter 4: threads and processes on every core: faster than async by about the cores, every core used. */
export const chefsChapter: Chapter = {
	number: 4,
	title: 'Chefs',
	note: [{section: 'Multicore', words: 'Multiple chefs cooking in parallel.'}, {section: 'Multicore', words: 'Enables true hardware parallelism.'}, {section: 'Multicore', words: 'Multithreading and async can take advantage of it, but don\'t require it.'}],
	claim: 'on C cores, computing on C threads or C processes is about C times faster than on async\'s one thread, C cores used',
	runs: (machine) => {
		const cores = machine.cores;
		if (cores < 2) return oneCore(machine);
		return [{label: `${2 * cores} computations on every engine`, config: {workload: 'cpu', tasks: 2 * cores, taskMs: 500, pool: cores}, command: `concur-tui -w cpu -n ${2 * cores} --task-ms 500 -p ${cores}`}];
	},
	prediction: null,
	seconds: (machine) => 2 * machine.cores * 0.5 + 4,
	judge: (results, {machine}) => {
		const cores = machine.cores;
		const async = finished(results[0], 'async');
		const threads = finished(results[0], 'threads');
		const processes = finished(results[0], 'processes');
		if (!async || !threads || !processes) {
			const absent = (['async', 'threads', 'processes'] as const).find((engine) => !finished(results[0], engine))!;
			return withoutFigures(missing(results[0], absent), 'No comparison: an engine did not finish every task.');
		}

		const figures = [
			figure.times('threads\' speedup over async', async.elapsedMs / threads.elapsedMs),
			figure.times('processes\' speedup over async', async.elapsedMs / processes.elapsedMs),
			figure.cores('threads cores used', threads.coresUsed ?? threads.parallelism),
			figure.cores('processes cores used', processes.coresUsed ?? processes.parallelism),
		];
		const slowest = Math.min(figures[0]!.value, figures[1]!.value);
		const why = slowest < 0.7 * cores ? `the pools' speedups over async were ${figures[0]!.text} and ${figures[1]!.text}, under ${times(0.7 * cores)} (0.7 × the ${coresText(cores)})` : null;
		const takeaway = `On ${coresText(cores)}, the speedup over async's one thread was ${figures[0]!.text} for threads and ${figures[1]!.text} for processes, using ${figures[2]!.text} and ${figures[3]!.text} cores${why === null ? ': parallel, on multicore hardware' : ''}.`;
		return {figures, graded: figures[0]!.value, ...claimShown(why, skewNote(results[0], ['async', 'threads', 'processes'])), takeaway};
	},
};

// The prediction of chapter 4 depends on the cores: made per machine by tourChapters().
export function chefsPrediction(cores: number): Chapter['prediction'] {
	// The bands part where the claim does: a speedup of 0.7 × the cores or more shows it.
	const middle = 0.7 * cores;
	return {
		question: `On ${coresText(cores)}, how many times faster than async (one thread) will ${cores} threads compute the same tasks?`,
		choices: [
			{key: 'a', text: `about 1× (under ${middle.toFixed(1)}×)`, band: [0, middle]},
			{key: 'b', text: `about ${cores}× (${middle.toFixed(1)}× or more)`, band: [middle, Number.POSITIVE_INFINITY]},
		],
		defaultKey: 'b',
		unit: '×',
	};
}

/** Chapter 5: threads share one process's memory; processes each have their own, and start slower. */
export const kitchensChapter: Chapter = {
	number: 5,
	title: 'Staff sharing tools, or separate kitchens',
	note: [{section: 'Many-thread', words: 'Multiple kitchen staff (threads) working in the same restaurant (process), sharing tools (memory).'}, {section: 'Timeline Illustration', words: 'Multicore (multiprocessing): Tasks run in separate processes on different cores → true parallelism.'}],
	claim: 'C processes take more memory and longer to start than C threads in one process',
	runs: (machine) => {
		const pool = Math.max(2, machine.cores);
		return [{label: `${pool} threads against ${pool} processes`, config: {workload: 'sleep', tasks: 2 * pool, taskMs: 300, pool, engines: ['threads', 'processes']}, command: `concur-tui -w sleep -n ${2 * pool} --task-ms 300 -p ${pool} -e threads,processes`}];
	},
	prediction: {
		question: 'Which takes more memory: a pool of threads in one process, or a pool of as many processes?',
		choices: [
			{key: 'a', text: 'the threads (processes under 0.9× of their memory)', band: [0, 0.9]},
			{key: 'b', text: 'about the same (0.9× to 1.1×)', band: [0.9, 1.1]},
			{key: 'c', text: 'the processes (1.1× or more)', band: [1.1, Number.POSITIVE_INFINITY]},
		],
		defaultKey: 'b',
		unit: '×',
	},
	seconds: () => 4,
	judge: (results) => {
		const threads = finished(results[0], 'threads');
		const processes = finished(results[0], 'processes');
		if (!threads || !processes) {
			return withoutFigures(missing(results[0], threads ? 'processes' : 'threads'), 'No comparison: a pool did not finish every task.');
		}

		const ratio = processes.peakRssBytes / threads.peakRssBytes;
		const pool = threads.lanes.length;
		const figures = [
			figure.megabytes('threads memory', threads.peakRssBytes),
			figure.megabytes('processes memory', processes.peakRssBytes),
			figure.times('processes memory of threads', ratio),
			figure.ms('threads start-up', threads.startupMs),
			figure.ms('processes start-up', processes.startupMs),
		];
		const why = ratio < 1.1 ? `the processes took ${figures[2]!.text} the threads' memory` : processes.startupMs <= threads.startupMs ? 'the processes started no slower than the threads' : null;
		const takeaway = `${pool} threads in one process peaked at ${figures[0]!.text} and started in ${figures[3]!.text}; ${processes.lanes.length} processes at ${figures[1]!.text} (${figures[2]!.text}) and ${figures[4]!.text}${why === null ? ': threads share one process\'s memory, each process has its own' : ''}.`;
		return {figures, graded: ratio, ...claimShown(why, null), takeaway};
	},
};

/** Chapter 7: threads at 1, C and 2C: adding units helps up to the cores, then only takes turns. */
export const howManyChapter: Chapter = {
	number: 7,
	title: 'How many cooks?',
	note: [{section: 'Many-thread', words: 'Threads can be concurrent on a single core (via time-slicing).'}, {section: 'Many-thread', words: 'Or truly parallel on multiple cores.'}, {section: 'Similarities', words: 'Multithreading benefits from multicore CPUs.'}],
	claim: 'computing on C threads is about C times faster than on 1; on 2C threads it is no faster than on C',
	runs: (machine) => {
		const cores = machine.cores;
		if (cores < 2) return oneCore(machine);
		return [1, cores, 2 * cores].map((pool) => ({
			label: `${pool} ${pool === 1 ? 'thread' : 'threads'}`,
			config: {workload: 'cpu' as const, tasks: 4 * cores, taskMs: 150, pool, engines: ['threads' as const]},
			command: `concur-tui -w cpu -n ${4 * cores} --task-ms 150 -e threads -p ${pool}`,
		}));
	},
	prediction: null,
	seconds: (machine) => 3 * (4 * machine.cores * 0.15) + 3,
	judge: (results, {machine}) => {
		const cores = machine.cores;
		const [one, atCores, twice] = [0, 1, 2].map((index) => finished(results[index], 'threads'));
		if (!one || !atCores || !twice) return withoutFigures('a pool size did not finish every task', 'No comparison: a pool did not finish every task.');
		const figures = [
			figure.seconds('1 thread', one.elapsedMs),
			figure.seconds(`${cores} threads`, atCores.elapsedMs),
			figure.seconds(`${2 * cores} threads`, twice.elapsedMs),
			figure.times(`speedup of ${cores} threads over 1`, one.elapsedMs / atCores.elapsedMs),
			figure.times(`time of ${2 * cores} threads against ${cores}`, twice.elapsedMs / atCores.elapsedMs),
		];
		const gain = figures[3]!.value;
		const past = figures[4]!.value;
		const why = gain < 0.7 * cores ? `the speedup of ${cores} threads over 1 was only ${figures[3]!.text}` : past < 0.85 ? `${2 * cores} threads took ${figures[4]!.text} the time of ${cores}: still faster` : null;
		const takeaway = `1 thread took ${figures[0]!.text}, ${cores} took ${figures[1]!.text} (a speedup of ${figures[3]!.text}), ${2 * cores} took ${figures[2]!.text} (${figures[4]!.text} the time of ${cores})${why === null ? `: past the ${coresText(cores)}, more threads only take turns` : ''}.`;
		return {figures, graded: past, ...claimShown(why, mostSkewed(results)), takeaway};
	},
};

/** Of a chapter's runs on threads, the note on the one other programs' load skewed most, or null. */
function mostSkewed(results: readonly RunResult[]): string | null {
	const skewed = results.filter((result) => skewNote(result, ['threads']) !== null);
	const load = (result: RunResult) => result.engines.find((engine) => engine.engine === 'threads')?.otherLoadCores ?? 0;
	const worst = skewed.sort((a, b) => load(b) - load(a))[0];
	return worst ? `${skewNote(worst, ['threads'])!} (the ${worst.config.pool}-thread run; ${skewed.length} of ${results.length} runs were skewed)` : null;
}

export function howManyPrediction(cores: number): Chapter['prediction'] {
	return {
		question: `From ${cores} to ${2 * cores} threads on ${coresText(cores)}: how does the time change?`,
		choices: [
			{key: 'a', text: 'about half (under 0.7× the time)', band: [0, 0.7]},
			{key: 'b', text: 'about the same (0.7× to 1.2×)', band: [0.7, 1.2]},
			{key: 'c', text: 'longer (1.2× or more)', band: [1.2, Number.POSITIVE_INFINITY]},
		],
		defaultKey: 'a',
		unit: '×',
	};
}
