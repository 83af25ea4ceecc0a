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
			// Start new tasks while fewer than `atOnce` run; end some of those running, one failing now and then.
			const running = tasks.filter((task) => task.state === 'running');
			for (let i = running.length; i < atOnce; i++) {
				ids.push(tasks.length);
				tasks.push({startMs: now - next() * 3, endMs: null, state: 'running'});
			}

			for (const [index, task] of tasks.entries()) {
				if (task.state !== 'running' || next() > 0.3) continue;
				// A new object for a changed task, as the store publishes them.
				tasks[index] = {startMs: task.startMs, endMs: now, state: next() > 0.9 ? 'failed' : 'done'};
			}

			const cells = 40;
			const expected = laneOccupancy(ids.map((id) => tasks[id]!), cells, axisMs / cells, now);
			expect(kept.occupancy(ids, {startMsOf: (id) => tasks[id]!.startMs, endMsOf: (id) => tasks[id]!.endMs, stateOf: (id) => tasks[id]!.state}, cells, axisMs / cells, now), `frame ${frame}`).toEqual(expected);
		}
	});
});
