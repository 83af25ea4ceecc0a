import type {TaskView} from '../../store/views.js';
import {briefMark, type LaneOccupancy} from '../../present/lane-occupancy.js';
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

const briefColors: Record<number, CellColor> = {[briefMark.done]: 'doneA', [briefMark.running]: 'run', [briefMark.failed]: 'fail', [briefMark.doneSecond]: 'doneB'};

/**
 * A lane's cells from its occupancy (present/lane-occupancy.ts, the rule the text report draws
 * from too), however it was computed: consecutive tasks alternate glyphs and colours so their
 * boundaries show; ▒ marks cells whose centre instant had several tasks running at once.
 */
export function occupancyCells(occupancy: LaneOccupancy, width: number): Cells {
	const scale = {cells: width};
	const cells = blankCells(scale.cells);
	for (let i = 0; i < scale.cells; i++) {
		const here = occupancy.tasksHere[i]!;
		if (here === 0) {
			const mark = occupancy.brief[i]!;
			if (mark > 0) {
				cells.chars[i] = '▏';
				cells.colors[i] = briefColors[mark] ?? 'doneA';
			}

			continue;
		}

		// Alternate glyphs as well as colours: boundaries must show without colour too.
		const second = occupancy.second[i] === 1;
		cells.chars[i] = here === 2 ? '▒' : second ? '▓' : '█';
		if (occupancy.failed[i] === 1) cells.colors[i] = 'fail';
		else if (occupancy.running[i] === 1) cells.colors[i] = 'run';
		else if (here === 2) cells.colors[i] = 'overlap';
		else cells.colors[i] = second ? 'doneB' : 'doneA';
	}

	return cells;
}
