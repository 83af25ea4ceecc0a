import {withoutFigures, type Chapter} from '../chapter.js';
import {claimShown, figure, finished, missing, skewNote} from './figures.js';

const waitMs = 2000;
const computeMs = 700;

/** Chapter 1: three waits on one thread overlap (the note's restaurant), with timers, then with real sockets. */
export const waitingChapter: Chapter = {
	number: 1,
	title: 'Order, then keep chatting',
	note: [{section: 'Async', words: 'A programming model / style.'}, {section: 'Async', words: 'Don\'t wait for a task to finish (e.g., I/O, network). Register it and continue doing other work.'}, {section: 'Async', words: 'Ordering food at a restaurant and continuing to chat until the waiter brings it.'}, {section: 'Async', words: 'Doesn\'t require multiple cores or threads.'}],
	claim: 'three 2 s waits on one JS thread take about 2 s, not 6 s, with parallelism near 0',
	runs: () => [
		{label: 'three waits (timers)', config: {workload: 'sleep', tasks: 3, taskMs: waitMs, engines: ['async']}, command: 'concur-tui -w sleep -n 3 --task-ms 2000 -e async'},
		{label: 'three real HTTP requests', config: {workload: 'net', tasks: 3, taskMs: waitMs, engines: ['async']}, command: 'concur-tui -w net -n 3 --task-ms 2000 -e async'},
	],
	prediction: {
		question: 'Three orders of 2 s each, one waiter (one JS thread). How long until all three are served?',
		choices: [
			{key: 'a', text: 'about 2 s (under 3 s)', band: [0, 3]},
			{key: 'b', text: 'about 4 s (3 to 5 s)', band: [3, 5]},
			{key: 'c', text: 'about 6 s (5 s or more)', band: [5, Number.POSITIVE_INFINITY]},
		],
		defaultKey: 'c',
		unit: 's',
	},
	seconds: () => 5,
	judge: (results) => {
		const sleep = finished(results[0], 'async');
		const net = finished(results[1], 'async');
		if (!sleep) return withoutFigures(missing(results[0], 'async'), 'No figures: the waits did not all end.');
		const figures = [figure.seconds('three waits', sleep.elapsedMs), figure.parallelism('parallelism', sleep.parallelism), ...(net ? [figure.seconds('three requests', net.elapsedMs)] : [])];
		const overlapped = sleep.elapsedMs < 1.5 * waitMs && sleep.parallelism < 0.1;
		const netOverlapped = net !== undefined && net.elapsedMs < 1.5 * waitMs;
		const why = !overlapped
			? `the three waits took ${figures[0]!.text}, not under 1.5 × one wait`
			: !netOverlapped
				? net
					? `the three requests took ${figures[2]!.text}, not under 1.5 × one wait`
					: missing(results[1], 'async')
				: null;
		const requests = net ? ` With real HTTP requests to a local server, the same: ${figures[2]!.text}.` : '';
		const takeaway = overlapped
			? `One JS thread waited on all three at once: ${figures[0]!.text} for three waits of 2 s, parallelism ${figures[1]!.text}: waiting needs neither threads nor cores.${requests}`
			: `One JS thread took ${figures[0]!.text} for three waits of 2 s (parallelism ${figures[1]!.text}).${requests}`;
		return {figures, graded: sleep.elapsedMs / 1000, ...claimShown(why, skewNote(results[0], ['async'])), takeaway};
	},
};

/** Chapter 2: the same three tasks made CPU-bound: one thread computes them one after another, its loop blocked. */
export const computingChapter: Chapter = {
	number: 2,
	title: 'When you must cook it yourself',
	note: [{section: 'Putting it together', words: 'Async: How you write code so it doesn\'t block.'}, {section: 'Async', words: 'Can run on one thread, one core (e.g., Node.js event loop).'}, {section: 'Timeline Illustration', words: 'Async (event loop): All tasks overlap in one lane → no true parallelism.'}],
	claim: 'three 0.7 s computations on one JS thread take about 2.1 s, one after another, the loop blocked',
	runs: () => [{label: 'three computations', config: {workload: 'cpu', tasks: 3, taskMs: computeMs, engines: ['async']}, command: 'concur-tui -w cpu -n 3 --task-ms 700 -e async'}],
	prediction: {
		question: 'Now the waiter must cook each order: three tasks of 0.7 s of computing, one JS thread. How long?',
		choices: [
			{key: 'a', text: 'about 0.7 s (under 1.2 s)', band: [0, 1.2]},
			{key: 'b', text: 'about 2.1 s (1.2 to 3.2 s)', band: [1.2, 3.2]},
			{key: 'c', text: 'longer (3.2 s or more)', band: [3.2, Number.POSITIVE_INFINITY]},
		],
		defaultKey: 'a',
		unit: 's',
	},
	seconds: () => 3,
	judge: (results) => {
		const cpu = finished(results[0], 'async');
		if (!cpu) return withoutFigures(missing(results[0], 'async'), 'No figures: the tasks did not all end.');
		const figures = [figure.seconds('three computations', cpu.elapsedMs), figure.parallelism('parallelism', cpu.parallelism), figure.ms('loop blocked up to', cpu.loopLagMaxMs)];
		const serial = cpu.elapsedMs >= 2.5 * computeMs;
		const blocked = cpu.loopLagMaxMs >= 0.5 * computeMs;
		const why = !serial ? `the three took ${figures[0]!.text}, less than 2.5 × one` : blocked ? null : `its loop was blocked for only ${figures[2]!.text}`;
		const takeaway = serial
			? `Computing, one thread did one task after another: ${figures[0]!.text} for three tasks of 0.70 s (parallelism ${figures[1]!.text}), its event loop blocked for up to ${figures[2]!.text}, when nothing else could run.`
			: `Three tasks of 0.70 s took ${figures[0]!.text} on one thread (parallelism ${figures[1]!.text}, loop blocked up to ${figures[2]!.text}).`;
		return {figures, graded: cpu.elapsedMs / 1000, ...claimShown(why, skewNote(results[0], ['async'])), takeaway};
	},
};
