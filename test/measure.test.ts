import {describe, expect, it} from 'vitest';
import {busyBetween, parseProcStat} from '../source/measure/core-sampler.js';
import {currentThreadPlace, parseThreadStat} from '../source/measure/thread-info.js';

describe('thread placement', () => {
	it('reads the tid and the last core from /proc/thread-self/stat, even with spaces in the name', () => {
		const fields = Array.from({length: 50}, (_, i) => String(i + 3));
		fields[39 - 3] = '7';
		const stat = `4242 (node (worker) 1) ${fields.join(' ')}`;
		expect(parseThreadStat(stat)).toEqual({tid: 4242, cpu: 7});
	});

	it('answers for the running thread on Linux', () => {
		const place = currentThreadPlace();
		if (process.platform !== 'linux') {
			expect(place).toEqual({tid: null, cpu: null});
			return;
		}

		expect(place.tid).toBe(process.pid);
		expect(place.cpu).toBeGreaterThanOrEqual(0);
	});
});

describe('core utilisation', () => {
	const stat = (user: number, idle: number) => `cpu  1 2 3 4\ncpu0 ${user} 0 0 ${idle} 0 0 0 0 0 0\ncpu1 ${user * 2} 0 0 ${idle} 0 0 0 0 0 0\nintr 5`;

	it('parses every core of /proc/stat and computes busy fractions between readings', () => {
		const before = parseProcStat(stat(100, 100));
		const after = parseProcStat(stat(150, 150));
		expect(before).toHaveLength(2);
		const busy = busyBetween(before, after);
		expect(busy[0]).toBeCloseTo(0.5);
		expect(busy[1]).toBeCloseTo(100 / 150);
	});
});
