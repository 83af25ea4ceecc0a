import type {MachineInfo} from '../../model/result-types.js';
import {mostAtOnce} from '../../result/evidence.js';
import {median} from '../../result/round-stats.js';
import {cpuList} from '../../util/cpu-list.js';
import {withoutFigures, type Chapter} from '../chapter.js';
import {claimShown, figure, finished, missing, skewNote} from './figures.js';

const taskMs = 700;

/** Pinning needs taskset on Linux: the reason it cannot be had here, or null. */
function pinningUnavailable(machine: MachineInfo): string | null {
	try {
		cpuList('0', machine.onlineCores ?? machine.cores);
		return null;
	} catch (error) {
		return error instanceof Error ? error.message.replace(/^--cpus needs/, 'pinning to one core needs') : 'pinning to one core is not possible here';
	}
}

/** Chapter 3: two threads pinned to one core both run, each twice as long: concurrent, not parallel. */
export const oneStoveChapter: Chapter = {
	number: 3,
	title: 'Kitchen staff, one stove',
	note: [{section: 'Many-thread', words: 'An execution model.'}, {section: 'Many-thread', words: 'A process can have multiple threads, each running part of the program.'}, {section: 'Many-thread', words: 'Threads can be concurrent on a single core (via time-slicing).'}],
	claim: 'two computing threads pinned to one core both run, each taking about twice as long: parallelism about 1',
	runs: (machine) => {
		const unavailable = pinningUnavailable(machine);
		if (unavailable) return {cannot: unavailable};
		return [{label: 'two threads on CPU 0', config: {workload: 'cpu', tasks: 2, taskMs, engines: ['threads'], pool: 2, cpus: [0]}, command: 'concur-tui -w cpu -n 2 --task-ms 700 -e threads -p 2 --cpus 0'}];
	},
	prediction: {
		question: 'Two cooks, one stove: two threads pinned to one core, each with 0.7 s of computing. Their parallelism (CPU time ÷ wall time)?',
		choices: [
			{key: 'a', text: 'about 0 (under 0.3)', band: [0, 0.3]},
			{key: 'b', text: 'about 1 (0.3 to 1.3)', band: [0.3, 1.3]},
			{key: 'c', text: 'about 2 (1.3 or more)', band: [1.3, Number.POSITIVE_INFINITY]},
		],
		defaultKey: 'c',
		unit: '∥',
	},
	seconds: () => 2,
	judge: (results) => {
		const threads = finished(results[0], 'threads');
		if (!threads) return withoutFigures(missing(results[0], 'threads'), 'No figures: the tasks did not all end.');
		const durations = threads.tasks.map((task) => task.endMs! - (task.runStartMs ?? task.startMs!));
		const each = median(durations);
		const atOnce = mostAtOnce(threads.tasks);
		const figures = [figure.parallelism('parallelism', threads.parallelism), figure.count('threads at once', atOnce), figure.seconds('each task took', each), figure.times('of its work', each / taskMs)];
		const why =
			atOnce < 2
				? 'the two tasks did not run at the same time'
				: threads.parallelism < 0.8 || threads.parallelism > 1.1
					? `their parallelism was ${figures[0]!.text}, not 0.8 to 1.1`
					: each < 1.6 * taskMs
						? `each task took ${figures[2]!.text}, less than 1.6 × its 0.70 s of work`
						: null;
		const takeaway = `Two threads ran at once on one core and took turns: parallelism ${figures[0]!.text}, each task ${figures[2]!.text} for 0.70 s of work (${figures[3]!.text}).${why === null ? ' Concurrent, not parallel: time-slicing.' : ''}`;
		return {figures, graded: threads.parallelism, ...claimShown(why, skewNote(results[0], ['threads'])), takeaway};
	},
};
