import type {TaskView} from '../../store/views.js';
import {blankCells, type CellColor, type Cells} from './styled-cells.js';

/** Left-aligned eighths of a cell: the end of a bar within its last cell. */
const eighths = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'] as const;

export type TimeScale = {readonly axisMs: number; readonly cells: number};

const cellOf = (ms: number, scale: TimeScale) => Math.max(0, Math.min(scale.cells, (ms / scale.axisMs) * scale.cells));

/** Fills [from, to) cells with `glyph`; a bar (█) ends in a partial cell, so short runs still read. */
function fill(cells: Cells, from: number, to: number, color: CellColor, glyph = '█'): void {
	const width = cells.chars.length;
	const set = (i: number, char: string) => {
		cells.chars[i] = char;
		cells.colors[i] = color;
	};

	const full = Math.floor(to);
	for (let i = Math.floor(from); i < full && i < width; i++) set(i, glyph);
	if (glyph !== '█' || full >= width || to <= from) return;
	const rest = Math.round((to - full) * 8);
	if (rest >= 8) set(full, '█');
	else if (rest > 0) set(full, eighths[rest] ?? '▏');
	// Shorter than an eighth of a cell: still visible.
	else if (Math.floor(from) === full) set(full, '▏');
}

function doneColor(order: number, ok: boolean): CellColor {
	if (!ok) return 'fail';
	return order % 2 === 0 ? 'doneA' : 'doneB';
}

/**
 * One task's bar on the shared time axis: waiting (░) from when it was queued until it
 * started, then a bar from its start to its end, or to now while it runs.
 */
export function taskCells(task: TaskView, scale: TimeScale, nowMs: number, order = 0): Cells {
	const cells = blankCells(scale.cells);
	const started = task.startMs ?? nowMs;
	if (task.state === 'queued' || started > 0) fill(cells, 0, cellOf(task.state === 'queued' ? nowMs : started, scale), 'wait', '░');
	if (task.state === 'queued') return cells;
	const end = task.endMs ?? nowMs;
	const color = task.state === 'running' ? 'run' : doneColor(order, task.state === 'done');
	fill(cells, cellOf(started, scale), Math.max(cellOf(end, scale), cellOf(started, scale)), color);
	return cells;
}

/**
 * Every task of one lane on one row: consecutive tasks alternate colours so their boundaries
 * show; ▒ marks cells whose centre instant had several tasks running at once. Linear in
 * tasks + cells (difference arrays), so a lane of 10,000 overlapping tasks costs the same per
 * frame as a lane of ten.
 */
export function laneCells(tasks: readonly TaskView[], scale: TimeScale, nowMs: number): Cells {
	const width = scale.cells;
	const count = new Float64Array(width + 1);
	const parity = new Float64Array(width + 1);
	const failed = new Float64Array(width + 1);
	const running = new Float64Array(width + 1);
	// A task shorter than a cell may cover no cell centre: it still marks its cell.
	const brief = new Uint8Array(width);
	// The first task on a lane is 0: drawn █, the next ▓, and so on.
	let order = -1;
	let lastEnd = Number.NEGATIVE_INFINITY;
	const add = (array: Float64Array, from: number, to: number, value: number) => {
		array[from]! += value;
		array[to]! -= value;
	};

	for (const task of tasks) {
		if (task.startMs === null) continue;
		const end = task.endMs ?? nowMs;
		// Cells whose centre (i + 0.5) lies in [start, end).
		const from = Math.max(0, Math.ceil(cellOf(task.startMs, scale) - 0.5));
		const to = Math.min(width, Math.ceil(cellOf(end, scale) - 0.5));
		if (task.startMs >= lastEnd) order++;
		lastEnd = Math.max(lastEnd, end);
		if (to <= from) {
			const cell = Math.min(width - 1, Math.floor(cellOf(task.startMs, scale)));
			brief[cell] = task.state === 'failed' ? 3 : task.state === 'running' ? 2 : 1 + (order % 2) * 3;
			continue;
		}

		add(count, from, to, 1);
		add(parity, from, to, order % 2);
		if (task.state === 'failed') add(failed, from, to, 1);
		if (task.state === 'running') add(running, from, to, 1);
	}

	const briefColors: Record<number, CellColor> = {1: 'doneA', 2: 'run', 3: 'fail', 4: 'doneB'};
	const cells = blankCells(width);
	let c = 0;
	let p = 0;
	let f = 0;
	let r = 0;
	for (let i = 0; i < width; i++) {
		c += count[i]!;
		p += parity[i]!;
		f += failed[i]!;
		r += running[i]!;
		if (c < 0.5) {
			const mark = brief[i] ?? 0;
			if (mark > 0) {
				cells.chars[i] = '▏';
				cells.colors[i] = briefColors[mark] ?? 'doneA';
			}

			continue;
		}

		// Alternate glyphs as well as colours: boundaries must show without colour too.
		const second = p > 0.5;
		cells.chars[i] = c > 1.5 ? '▒' : second ? '▓' : '█';
		if (f > 0.5) cells.colors[i] = 'fail';
		else if (r > 0.5) cells.colors[i] = 'run';
		else if (c > 1.5) cells.colors[i] = 'overlap';
		else cells.colors[i] = second ? 'doneB' : 'doneA';
	}

	return cells;
}
