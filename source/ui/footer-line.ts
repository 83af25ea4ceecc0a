import chalk from 'chalk';
import {fit} from './panel/panel-lines.js';

const keys = 'r rerun · w workload · +/- tasks · [/] pool · m mode · t trace · v view · ? help · q quit';

export function footerLine(width: number, interactive: boolean, notice: string | null): string {
	const left = notice ? `${chalk.yellow(notice)}  ` : '';
	const right = interactive ? chalk.dim(keys) : chalk.dim('keys off: stdin is not a terminal · Ctrl+C to stop');
	return fit(left + right, width);
}
