import chalk from 'chalk';

export type CellColor = 'run' | 'doneA' | 'doneB' | 'fail' | 'wait' | 'overlap' | 'idle';

const paint: Record<CellColor, (text: string) => string> = {
	run: chalk.yellow,
	doneA: chalk.green,
	doneB: chalk.cyan,
	fail: chalk.red,
	wait: chalk.gray,
	overlap: chalk.magenta,
	idle: chalk.gray,
};

/** A row of cells: one character and one colour each. */
export type Cells = {chars: string[]; colors: CellColor[]};

export function blankCells(width: number): Cells {
	return {chars: new Array<string>(width).fill(' '), colors: new Array<CellColor>(width).fill('idle')};
}

/** The row as one string, one colour escape per run of equal colours (fewer bytes on the wire). */
export function styleCells({chars, colors}: Cells): string {
	let out = '';
	let start = 0;
	for (let i = 1; i <= chars.length; i++) {
		if (i < chars.length && colors[i] === colors[start]) continue;
		const run = chars.slice(start, i).join('');
		const color = colors[start] ?? 'idle';
		// Blank runs need no colour.
		out += color === 'idle' && run.trim() === '' ? run : paint[color](run);
		start = i;
	}

	return out;
}
