// The dashboard at the sizes people use, read in a real pseudo-terminal mid-run.
import {describe, expect, it} from 'vitest';
import {PtyScreen} from './helpers/pty-screen.js';

const titles = ['Async · one event loop', 'Many-thread · worker pool', 'Multicore · process pool'];

describe('the dashboard at every size', () => {
	it.each([
		[60, 20],
		[80, 24],
		[120, 40],
		[149, 40],
		[150, 40],
		[200, 50],
	])('%ix%i: nothing wider than the terminal, "q quit" last, no title figure cut, each axis right under its lanes', async (cols, rows) => {
		const screen = new PtyScreen(['-w', 'cpu', '-n', '8', '-p', '2', '--task-ms', '250'], {cols, rows});
		try {
			// Mid-run: the threads panel is at work.
			const text = await screen.waitFor((shown) => /Many-thread · worker pool +\d\.\d\d s/.test(shown), 30_000);
			const lines = text.split('\n');
			for (const line of lines) expect(line.length).toBeLessThan(cols);
			expect(lines.filter((line) => line.trim() !== '').at(-1)!.trimEnd().endsWith('q quit')).toBe(true);
			for (const title of titles) {
				const name = title.split(' · ')[0]!;
				const line = lines.find((each) => each.includes(`${name} `) && /\d\.\d\d s|waiting/.test(each));
				expect(line, title).toBeDefined();
				// Stacked, a title is its own line; side by side, the part up to the next panel's title.
				const start = line!.indexOf(name);
				const next = Math.min(...titles.map((other) => line!.indexOf(other.split(' · ')[0]!, start + 1)).filter((index) => index > start), line!.length);
				const part = line!.slice(start, next).trimEnd();
				expect(part.endsWith('…'), part).toBe(false);
			}

			const axes = lines.flatMap((line, index) => (/^ +0 s /.test(line) ? [index] : []));
			expect(axes.length).toBeGreaterThan(0);
			for (const index of axes) expect(lines[index - 1]!.trim(), `the line above the axis at row ${index}`).not.toBe('');
			screen.write('q');
			expect((await screen.exited).exitCode).toBe(0);
		} finally {
			screen.kill();
		}
	});
});
