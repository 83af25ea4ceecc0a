// Rounds summarised as hyperfine would: the median round, the range, and outliers named.
import {describe, expect, it} from 'vitest';
import {median, outliers, summariseRounds} from '../source/result/round-stats.js';
import {engineResult} from './helpers/dashboard-fixtures.js';

describe('round statistics', () => {
	it('takes the median, of odd and even counts', () => {
		expect(median([3, 1, 2])).toBe(2);
		expect(median([4, 1, 3, 2])).toBe(2.5);
	});

	it('flags a round far from the others (modified z-score > 3.5 and 5% off), never a near one', () => {
		expect(outliers([1000, 1010, 990, 1005, 1600])).toEqual([4]);
		expect(outliers([434, 433, 447])).toEqual([]);
		expect(outliers([1000, 1000])).toEqual([]);
		// Two rounds alike and a third far off (37%): an outlier, as one 6% off is among rounds that differ.
		expect(outliers([2140, 2140, 2930])).toEqual([2]);
		expect(outliers([1920, 1930, 2050])).toEqual([2]);
	});

	it('reports the median completed round and the spread of all completed ones', () => {
		const rounds = [engineResult('threads', 1300, 2), engineResult('threads', 1200, 2), engineResult('threads', 1250, 2), engineResult('threads', 900, 2, {complete: false})];
		const {reported, spread} = summariseRounds(rounds);
		expect(reported.elapsedMs).toBe(1250);
		expect(spread).toMatchObject({rounds: 3, medianMs: 1250, minMs: 1200, maxMs: 1300, outlierRounds: []});
	});
});
