// The dashboard at the sizes people use, read in a real pseudo-terminal mid-run.
import {describe, expect, it} from 'vitest';
import {PtyScreen} from './helpers/pty-screen.js';

const names = ['Async', 'Many-thread', 'Multicore'];
const run = ['-w', 'cpu', '-n', '8', '-p', '2', '--task-ms', '250'];
/** Mid-run: the threads panel is at work (its title, wide or compact, shows its elapsed time). */
const threadsAtWork = (shown: string) => /Many-thread(?: · worker pool)? +\d\.\d\d s/.test(shown);

/** The row holding all three titles, side by side, or undefined. */
const titleRow = (lines: readonly string[]) => lines.findIndex((line) => names.every((name) => line.includes(`${name} `)) && /^Async/.test(line));

/** Each panel's part of a side-by-side row: from its start column to the next one's. */
function columnsOf(line: string, starts: readonly number[]): string[] {
	return starts.map((start, index) => line.slice(start, starts[index + 1] ?? line.length));
}

function expectFits(lines: readonly string[], cols: number): void {
	for (const line of lines) expect(line.length).toBeLessThan(cols);
	expect(lines.filter((line) => line.trim() !== '').at(-1)!.trimEnd().endsWith('q quit')).toBe(true);
}

describe('the dashboard at every size', () => {
	it.each([
		[60, 20],
		[79, 24],
		[200, 50],
	])('%ix%i stacked (or wide): nothing wider than the terminal, "q quit" last, no title figure cut, each axis right under its lanes', async (cols, rows) => {
		const screen = new PtyScreen(run, {cols, rows});
		try {
			const text = await screen.waitFor(threadsAtWork, 30_000);
			const lines = text.split('\n');
			expectFits(lines, cols);
			const sideBySide = titleRow(lines) >= 0;
			expect(sideBySide).toBe(cols >= 80);
			for (const name of names) {
				const line = lines.find((each) => each.includes(`${name} `) && /\d\.\d\d s|waiting/.test(each));
				expect(line, name).toBeDefined();
				// Stacked, a title is its own line; side by side, the part up to the next panel's title.
				const start = line!.indexOf(name);
				const next = Math.min(...names.map((other) => line!.indexOf(other, start + 1)).filter((index) => index > start), line!.length);
				const part = line!.slice(start, next).trimEnd();
				expect(part.endsWith('…'), part).toBe(false);
			}

			const axes = lines.flatMap((line, index) => (/^ +0 s /.test(line) ? [index] : []));
			expect(axes.length).toBeGreaterThan(0);
			if (!sideBySide) for (const index of axes) expect(lines[index - 1]!.trim(), `the line above the axis at row ${index}`).not.toBe('');
			screen.write('q');
			expect((await screen.exited).exitCode).toBe(0);
		} finally {
			screen.kill();
		}
	});

	it.each([
		[80, 24],
		[100, 30],
		[120, 40],
		[150, 40],
	])('%ix%i: three panels side by side, every title with elapsed, done/total and ∥, bars that move; l stacks them and back', async (cols, rows) => {
		const screen = new PtyScreen(run, {cols, rows});
		try {
			// Once the threads panel has measured its parallelism (async's is measured by then).
			const first = (await screen.waitFor((shown) => threadsAtWork(shown) && (shown.match(/∥ \d/g) ?? []).length >= 2, 30_000)).split('\n');
			expectFits(first, cols);
			const row = titleRow(first);
			expect(row, first.join('\n')).toBeGreaterThanOrEqual(0);
			const starts = names.map((name) => first[row]!.indexOf(name));
			// Each title (two rows when compact, above the lane legend) holds its figures whole: elapsed, done/total and ∥ once started.
			const below = columnsOf(first[row + 1]!, starts).map((part) => (/pid|no lanes yet/.test(part) ? '' : part));
			const titles = columnsOf(first[row]!, starts).map((part, index) => `${part} ${below[index]}`);
			for (const [index, title] of titles.entries()) {
				expect(title, names[index]).not.toMatch(/…/);
				if (title.includes('waiting')) continue;
				expect(title, names[index]).toMatch(/\d+\.\d+ s/);
				expect(title, names[index]).toMatch(/\d+\/8/);
				expect(title, names[index]).toMatch(/∥ \d\.\d\d/);
			}

			// The bars grow while the pools run.
			const barsOf = (lines: readonly string[]) => (lines.join('\n').match(/█/g) ?? []).length;
			const before = barsOf(first);
			const later = (await screen.waitFor((shown) => barsOf(shown.split('\n')) > before, 15_000)).split('\n');
			expect(barsOf(later)).toBeGreaterThan(before);

			// Each panel's axis sits under its bars, level with the others'.
			const axisRow = later.findIndex((line) => /^ +0 s /.test(line));
			expect(axisRow).toBeGreaterThan(row);
			expect(later[axisRow]!.match(/(?<![\d.])0 s/g)).toHaveLength(3);
			// No more than 2 blank rows between a panel's last row of bars and its axis (a panel still waiting has none yet).
			for (const [index, name] of names.entries()) {
				const column = later.slice(row, axisRow).map((line) => columnsOf(line, starts)[index] ?? '');
				if (column.some((part) => part.includes('waiting'))) continue;
				const lastBar = column.findLastIndex((part) => part.trim() !== '');
				expect(column.length - 1 - lastBar, name).toBeLessThanOrEqual(2);
			}

			screen.write('l');
			const stacked = await screen.waitFor((shown) => titleRow(shown.split('\n')) < 0 && shown.includes('l layout: stacked'));
			expectFits(stacked.split('\n'), cols);
			screen.write('l');
			await screen.waitFor((shown) => titleRow(shown.split('\n')) >= 0 && shown.includes('l layout: side'));
			screen.write('q');
			expect((await screen.exited).exitCode).toBe(0);
		} finally {
			screen.kill();
		}
	});

	it('below 80 columns, l says why it cannot put the panels side by side', async () => {
		const screen = new PtyScreen(run, {cols: 70, rows: 24});
		try {
			await screen.waitFor(threadsAtWork, 30_000);
			screen.write('l');
			await screen.waitFor((shown) => shown.includes('side by side needs 80 columns; this terminal has 70'));
			screen.write('q');
			expect((await screen.exited).exitCode).toBe(0);
		} finally {
			screen.kill();
		}
	});
});
