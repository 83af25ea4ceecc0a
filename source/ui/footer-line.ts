import chalk from 'chalk';
import {keyTable} from './key-table.js';
import {fitSegments} from './panel/panel-lines.js';

const keys = keyTable.map((entry) => entry.footer).join(' · ');

export function footerLine(width: number, interactive: boolean, notice: string | null): string {
	const right = interactive ? keys : 'keys off: stdin is not a terminal · Ctrl+C to stop';
	return fitSegments([[notice ? `${notice}  ` : '', chalk.yellow], [right, chalk.dim]], width);
}
