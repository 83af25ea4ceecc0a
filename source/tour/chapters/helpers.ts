import type {EngineResult} from '../../model/result-types.js';
import {coresText} from '../../result/format.js';
import {withoutFigures, type Chapter} from '../chapter.js';
import {claimShown, figure, finished, missing, skewNote} from './figures.js';

/** CPU ms and threads of libuv's pool in an engine's OS threads (0 where unknown). */
function libuvOf(engine: EngineResult): {threads: number; cpuMs: number} {
	const threads = engine.osThreads?.threads.filter((thread) => thread.role === 'libuv') ?? [];
	return {threads: threads.length, cpuMs: threads.reduce((sum, thread) => sum + thread.cpuMs, 0)};
}

/** Chapter 6: hashing on async runs on libuv's pool: parallelism above 1 on one JS thread, about 1 with one libuv thread. */
export const helpersChapter: Chapter = {
	number: 6,
	title: 'Async\'s hidden helpers',
	note: [{section: 'Similarities', words: 'Async often runs in one thread but may internally use threads or cores.'}],
	claim: 'hashing on async reaches a parallelism above 1 on one JS thread, from libuv\'s pool; with one libuv thread, about 1',
	runs: (machine) => {
		if (machine.cores < 2) return {cannot: `this run may use ${coresText(machine.cores)}: the helpers would only take turns with the JS thread`};
		return [
			{label: 'hashing on async', config: {workload: 'hash', tasks: 8, taskMs: 200, engines: ['async']}, command: 'concur-tui -w hash -n 8 --task-ms 200 -e async'},
			{label: 'the same with one libuv thread', config: {workload: 'hash', tasks: 8, taskMs: 200, engines: ['async'], uvThreads: 1}, command: 'concur-tui -w hash -n 8 --task-ms 200 -e async --uv-threads 1'},
		];
	},
	prediction: {
		question: 'Async has one JS thread. Hashing 8 passwords on it: its parallelism (CPU time ÷ wall time)?',
		choices: [
			{key: 'a', text: 'about 1 (under 1.2)', band: [0, 1.2]},
			{key: 'b', text: 'above 1 (1.2 or more)', band: [1.2, Number.POSITIVE_INFINITY]},
		],
		defaultKey: 'a',
		unit: '∥',
	},
	seconds: () => 5,
	judge: (results) => {
		const pooled = finished(results[0], 'async');
		const single = finished(results[1], 'async');
		if (!pooled || !single) return withoutFigures(missing(results[pooled ? 1 : 0], 'async'), 'No figures: the hashing did not all end.');
		const libuv = libuvOf(pooled);
		const figures = [
			figure.parallelism('parallelism with libuv\'s pool', pooled.parallelism),
			figure.count('libuv threads', libuv.threads),
			figure.seconds('libuv CPU', libuv.cpuMs),
			figure.parallelism('parallelism with one libuv thread', single.parallelism),
		];
		const excess = pooled.parallelism - 1;
		const why =
			pooled.osThreads === undefined || pooled.osThreads === null
				? 'the OS threads cannot be read here (not Linux)'
				: pooled.parallelism < 1.2
					? `its parallelism was ${figures[0]!.text}`
					: libuv.cpuMs / pooled.elapsedMs < 0.7 * excess
						? `libuv's threads used ${figures[2]!.text} of CPU, less than most of what ran beside the JS thread`
						: single.parallelism >= 1.2
							? `with one libuv thread its parallelism was still ${figures[3]!.text}`
							: null;
		const takeaway = `Async's one JS thread reached a parallelism of ${figures[0]!.text}: libuv's ${figures[1]!.text} pool threads used ${figures[2]!.text} of CPU beside it. With one libuv thread: ${figures[3]!.text}.${why === null ? ' Async can use threads internally.' : ''}`;
		return {figures, graded: pooled.parallelism, ...claimShown(why, skewNote(results[0], ['async'])), takeaway};
	},
};
