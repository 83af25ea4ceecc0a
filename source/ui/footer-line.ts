import chalk from 'chalk';
import {fitSegments} from './panel/panel-lines.js';

const keys = 'r rerun · w workload · +/- tasks · [/] pool · m mode · t trace · v view · ? help · q quit';

export function footerLine(width: number, interactive: boolean, notice: string | null): string {
	const right = interactive ? keys : 'keys off: stdin is not a terminal · Ctrl+C to stop';
	return fitSegments([[notice ? `${notice}  ` : '', chalk.yellow], [right, chalk.dim]], width);
}
