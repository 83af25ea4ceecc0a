import chalk from 'chalk';
import type {DashboardSnapshot} from '../store/views.js';
import {fitSegments} from './panel/panel-lines.js';

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
export function hardwareStripLine(cores: readonly number[], width: number, load: DashboardSnapshot['load'] = null): string {
	if (cores.length === 0) return fitSegments([['cores: sampling…', chalk.dim]], width);
	const mean = cores.reduce((sum, busy) => sum + busy, 0) / cores.length;
	const head = `${cores.length} cores `;
	// This run's share apart from everything else's: concur-tui's own processes, and the rest.
	const tail = load
		? ` concur-tui ${load.ownCores.toFixed(1)} · other programs ${load.otherCores.toFixed(1)} cores`
		: ` ${cores.filter((busy) => busy >= 0.5).length} busy · avg ${Math.round(mean * 100)}%`;
	const groupingWidth = 10;
	let room = Math.max(4, width - head.length - tail.length - 2);
	if (cores.length > room) room -= groupingWidth;
	const perCell = Math.ceil(cores.length / room);
	const cells: string[] = [];
	for (let i = 0; i < cores.length; i += perCell) {
		const group = cores.slice(i, i + perCell);
		cells.push(glyph(group.reduce((sum, busy) => sum + busy, 0) / group.length));
	}

	const grouping = perCell > 1 ? ` (${perCell}/cell)` : '';
	// The meters are one column each: their width is known without measuring the styled string.
	const meters = `▕${cells.join('')}▏`;
	const rest = fitSegments([[tail + grouping, chalk.dim]], Math.max(0, width - head.length - cells.length - 2));
	return chalk.dim(head) + meters + rest;
}
