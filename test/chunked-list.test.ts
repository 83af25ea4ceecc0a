import {describe, expect, it} from 'vitest';
import {ChunkedList} from '../source/run-model/chunked-list.js';

describe('the store\'s chunked list', () => {
	it('publishes lists that never change, and the next shares every chunk that did not change', () => {
		const list = new ChunkedList<{readonly id: number}>();
		for (let id = 0; id < 100_000; id++) list.push({id});
		const first = list.publish();
		expect(list.publish()).toBe(first);
		const replaced = {id: 50_000};
		list.set(50_000, replaced);
		list.push({id: 100_000});
		const second = list.publish();
		expect([first.length, second.length]).toEqual([100_000, 100_001]);
		expect(first.at(50_000)).not.toBe(replaced);
		expect(second.at(50_000)).toBe(replaced);
		expect(first.at(100_000)).toBeUndefined();
		expect(second.at(100_000)).toEqual({id: 100_000});
		// Unchanged entries are the same objects; of the 98 chunks the first held, 96 are shared
		// (the one set, and the last, which the push filled further).
		expect(second.at(7)).toBe(first.at(7));
		const chunksOf = (published: unknown) => (published as {chunks: unknown[]}).chunks;
		const shared = chunksOf(second).filter((chunk, index) => chunk === chunksOf(first)[index]).length;
		expect(shared).toBe(chunksOf(first).length - 2);
		expect(second.map((value) => value.id)).toEqual(Array.from({length: 100_001}, (_, id) => id));
		expect(Object.isFrozen(second)).toBe(true);
	});

	it('inserts and removes in the middle without touching a published list', () => {
		const list = new ChunkedList<number>();
		for (const value of [0, 1, 3]) list.push(value);
		const before = list.publish();
		list.splice(2, 0, 2);
		list.splice(list.indexOf(0), 1);
		expect(list.publish().toArray()).toEqual([1, 2, 3]);
		expect(before.toArray()).toEqual([0, 1, 3]);
		expect(() => {
			list.set(5, 9);
		}).toThrow(RangeError);
	});
});
