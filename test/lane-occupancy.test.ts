// A lane's occupancy kept from frame to frame draws exactly what drawing it afresh draws.
import {describe, expect, it} from 'vitest';
import {IncrementalOccupancy, laneOccupancy, type OccupyingTask} from '../source/present/lane-occupancy.js';

type Task = {-readonly [K in keyof OccupyingTask]: OccupyingTask[K]};

/** A deterministic stream of numbers in [0, 1) (no Math.random: the same lane every run). */
function numbers(seed: number): () => number {
	let state = seed;
	return () => {
		state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
		return state / 2_147_483_648;
	};
}

describe('the occupancy kept from frame to frame', () => {
	it.each([
		['one task at a time (a pool unit)', 1],
		['many at once (the event loop)', 6],
		['a crowd at once (an event loop with many asleep)', 60],
	])('%s: every frame equals the occupancy drawn afresh, through a rescaled axis', (_name, atOnce) => {
		const next = numbers(atOnce * 7 + 1);
		const tasks: Task[] = [];
		const ids: number[] = [];
		const kept = new IncrementalOccupancy();
		let now = 0;
		let axisMs = 500;
		for (let frame = 0; frame < 120; frame++) {
			now += 5 + next() * 20;
			if (frame === 60) axisMs = 1500;
			// Now and then only time passes: the frame kept from the last may serve.
			const quiet = frame % 3 === 2;
			// Start new tasks while fewer than `atOnce` run; end some of those running, one failing now and then.
			const running = tasks.filter((task) => task.state === 'running');
			for (let i = quiet ? atOnce : running.length; i < atOnce; i++) {
				ids.push(tasks.length);
				tasks.push({startMs: now - next() * 3, endMs: null, state: 'running'});
			}

			for (const [index, task] of tasks.entries()) {
				if (quiet || task.state !== 'running' || next() > 0.3) continue;
				// A new object for a changed task, as the store publishes them.
				tasks[index] = {startMs: task.startMs, endMs: now, state: next() > 0.9 ? 'failed' : 'done'};
			}

			const cells = 40;
			const expected = laneOccupancy(ids.map((id) => tasks[id]!), cells, axisMs / cells, now);
			const stillRunning = ids.filter((id) => tasks[id]!.state === 'running').length;
			expect(kept.occupancy(ids, {startMsOf: (id) => tasks[id]!.startMs, endMsOf: (id) => tasks[id]!.endMs, stateOf: (id) => tasks[id]!.state}, cells, axisMs / cells, now, stillRunning), `frame ${frame}`).toEqual(expected);
		}
	});

	it('with the running count known: open tasks are read when one starts or ends, not at every frame, and every frame is what drawing afresh draws', () => {
		const tasks: Task[] = [
			{startMs: 0, endMs: 40, state: 'done'},
			...Array.from({length: 1000}, (_, index) => ({startMs: 50 + index * 0.15, endMs: null, state: 'running' as const})),
		];
		const ids = tasks.map((_, id) => id);
		let reads = 0;
		const table = {
			startMsOf: (id: number) => {
				reads++;
				return tasks[id]!.startMs;
			},
			endMsOf: (id: number) => tasks[id]!.endMs,
			stateOf: (id: number) => tasks[id]!.state,
		};
		const kept = new IncrementalOccupancy();
		const cells = 40;
		const msPerCell = 10;
		const running = () => tasks.filter((task) => task.state === 'running').length;
		const frame = (now: number) => kept.occupancy(ids, table, cells, msPerCell, now, running());
		expect(frame(200)).toEqual(laneOccupancy(tasks, cells, msPerCell, 200));
		// Time passes, within a cell and across cells (the last starts were 2 ms ago: brief marks):
		// only where the kept base ends is read, not the 1,000 open tasks.
		for (const now of [203, 212, 260, 399]) {
			reads = 0;
			expect(frame(now), `at ${now} ms`).toEqual(laneOccupancy(tasks, cells, msPerCell, now));
			expect(reads).toBeLessThanOrEqual(2);
		}

		// Ends, one failing: the open tasks are read again, and the frame still equals drawing afresh.
		tasks[1] = {startMs: 50, endMs: 380, state: 'done'};
		tasks[500] = {startMs: tasks[500]!.startMs, endMs: 390, state: 'failed'};
		reads = 0;
		expect(frame(400)).toEqual(laneOccupancy(tasks, cells, msPerCell, 400));
		expect(reads).toBeGreaterThanOrEqual(1000);
		// A start at "now" itself: drawn task by task, still the same as afresh.
		tasks.push({startMs: 405, endMs: null, state: 'running'});
		ids.push(tasks.length - 1);
		expect(frame(405)).toEqual(laneOccupancy(tasks, cells, msPerCell, 405));
	});
});
