import chalk from 'chalk';
import {fit} from './panel/panel-lines.js';

const levels = ' ▁▂▃▄▅▆▇█';

function glyph(busy: number): string {
	const char = levels[Math.round(Math.min(1, Math.max(0, busy)) * 8)] ?? ' ';
	if (busy >= 0.75) return chalk.red(char);
	if (busy >= 0.4) return chalk.yellow(char);
	return chalk.green(char);
}

/**
 * Per-core utilisation as one row of meters, one cell per core; with more cores than cells
 * (256 on 80 columns), each cell shows the mean of a group of cores.
 */
export function hardwareStripLine(cores: readonly number[], width: number): string {
	if (cores.length === 0) return fit(chalk.dim('cores: sampling…'), width);
	const mean = cores.reduce((sum, busy) => sum + busy, 0) / cores.length;
	const busyCount = cores.filter((busy) => busy >= 0.5).length;
	const head = `${cores.length} cores `;
	const tail = ` ${busyCount} busy · avg ${Math.round(mean * 100)}%`;
	const groupingWidth = 10;
	let room = Math.max(4, width - head.length - tail.length - 2);
	if (cores.length > room) room -= groupingWidth;
	const perCell = Math.ceil(cores.length / room);
	const cells: string[] = [];
	for (let i = 0; i < cores.length; i += perCell) {
		const group = cores.slice(i, i + perCell);
		cells.push(glyph(group.reduce((sum, busy) => sum + busy, 0) / group.length));
	}

	const grouping = perCell > 1 ? chalk.dim(` (${perCell}/cell)`) : '';
	return fit(`${chalk.dim(head)}▕${cells.join('')}▏${chalk.dim(tail)}${grouping}`, width);
}
