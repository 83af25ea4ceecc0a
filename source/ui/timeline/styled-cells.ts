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
	return {chars: Array.from({length: width}, () => ' '), colors: Array.from({length: width}, (): CellColor => 'idle')};
}

/** The row as one string, one colour escape per run of equal colours (fewer bytes on the wire). */
export function styleCells({chars, colors}: Cells): string {
	let out = '';
	let run = '';
	let color: CellColor | undefined;
	for (let i = 0; i < chars.length; i++) {
		if (colors[i] !== color) {
			if (run) out += color === undefined ? run : paint[color](run);
			run = '';
			color = colors[i];
		}

		run += chars[i];
	}

	if (run && color) out += run.trim() === '' ? run : paint[color](run);
	return out;
}
