// Figures as the screens and the report write them.
import {describe, expect, it} from 'vitest';
import {megabytes, milliseconds, seconds, times} from '../source/result/format.js';

describe('figures in text', () => {
	it('writes ms with a decimal below 100 and whole from 100, by the figure as shown', () => {
		expect([milliseconds(0), milliseconds(9.96), milliseconds(99.94), milliseconds(99.96), milliseconds(100.4), milliseconds(2491.6)]).toEqual(['0.0 ms', '10.0 ms', '99.9 ms', '100 ms', '100 ms', '2492 ms']);
	});

	it('writes seconds with two decimals below 10 s and one from there, MB whole, ratios with two decimals', () => {
		expect([seconds(60), seconds(9994), seconds(12_345)]).toEqual(['0.06 s', '9.99 s', '12.3 s']);
		expect([megabytes(47.4 * 1024 * 1024), times(1.625)]).toEqual(['47 MB', '1.63×']);
	});
});
