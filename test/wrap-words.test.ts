import {describe, expect, it} from 'vitest';
import {wrapWords} from '../source/util/wrap-words.js';

describe('word wrapping for the screen', () => {
	it('breaks at spaces, never starts a line with one, and keeps each line within the width', () => {
		const lines = wrapWords('threads won on 8 cpu tasks in 1.30 s, 1.92× faster than async: it kept 1.98 cores busy', 24);
		for (const line of lines) {
			expect(line.length).toBeLessThanOrEqual(24);
			expect(line.startsWith(' ')).toBe(false);
		}

		expect(lines.join(' ')).toBe('threads won on 8 cpu tasks in 1.30 s, 1.92× faster than async: it kept 1.98 cores busy');
	});

	it('never parts a number from its unit', () => {
		// "threads 77 MB" at a width where "MB" alone would go to the next line.
		const lines = wrapWords('The cost differed: async 54 MB, threads 77 MB with 2 threads', 33);
		expect(lines.some((line) => line.endsWith(' 77'))).toBe(false);
		expect(lines.some((line) => line.includes('77 MB'))).toBe(true);
	});

	it('keeps what a no-break space joins on one line, written with a plain space', () => {
		// Width 14: "v view · ?" fits, but the key would end the line and its words start the next.
		expect(wrapWords('v view · ?\u00A0this help', 14)).toEqual(['v view ·', '? this help']);
		expect(wrapWords('v view · ? this help', 14)).toEqual(['v view · ?', 'this help']);
	});

	it('cuts a word wider than the line', () => {
		expect(wrapWords('/a/very/long/path/to/a/trace.json', 10)).toEqual(['/a/very/lo', 'ng/path/to', '/a/trace.j', 'son']);
	});
});
