import chalk from 'chalk';
import {otherLoadFloorCores} from '../../result/evidence.js';
import cliTruncate from 'cli-truncate';
import stringWidth from 'string-width';
import {engineKinds, engineTitle} from '../../config/engine-kinds.js';
import type {RunConfig} from '../../model/run-config.js';
import {milliseconds, seconds} from '../../result/format.js';
import type {EngineView, TaskView} from '../../store/views.js';
import type {LaneInfo} from '../../model/result-types.js';
import {styleCells} from '../timeline/styled-cells.js';
import {laneCells, taskCells, type TimeScale} from '../timeline/task-rows.js';

export const labelWidth = 10;
export const suffixWidth = 5;

/** Pads or cuts plain text to exactly `width` columns. */
export function fit(text: string, width: number): string {
	const visible = stringWidth(text);
	if (visible <= width) return text + ' '.repeat(width - visible);
	return cliTruncate(text, width);
}

/** A piece of a line and how to colour it. */
export type Segment = readonly [text: string, paint?: (text: string) => string];

/**
 * Segments laid out to exactly `width` columns, cut at the end if too long. Widths are measured
 * on the plain text, then colours applied: measuring styled strings every frame was the
 * dashboard's largest own cost.
 */
export function fitSegments(segments: readonly Segment[], width: number): string {
	let out = '';
	let used = 0;
	for (const [text, paint] of segments) {
		if (used >= width) break;
		const piece = used + stringWidth(text) > width ? cliTruncate(text, width - used) : text;
		out += paint ? paint(piece) : piece;
		used += stringWidth(piece);
	}

	return out + ' '.repeat(Math.max(0, width - used));
}

const phaseNotes: Record<EngineView['phase'], string> = {
	waiting: 'waiting',
	starting: 'starting pool…',
	running: '',
	done: '',
	failed: 'failed',
};

/**
 * The panel's title and its live figures. Figures are never cut: when the line is too narrow the
 * title shortens first ("Async"), then the least important figures go, last first (lag, ∥,
 * done/total); a failure's words come after and may be cut (the result lists them whole).
 */
export function titleLine(view: EngineView, width: number, threads: RunConfig['threads'] = 'pool'): string {
	const total = view.tasks.length;
	const figures = [
		view.t0 === null ? phaseNotes[view.phase] : seconds(view.elapsedMs),
		total > 0 ? `${view.done}/${total}` : '',
		view.parallelism === null ? '' : `∥ ${view.parallelism.toFixed(2)}`,
		engineKinds[view.engine].showsLoopLag && view.loopLagMs !== null ? `lag ${milliseconds(view.loopLagMs)}` : '',
	].filter(Boolean);
	const failures = view.failed > 0 ? `${view.failed} failed${view.lastFailure ? `, last ${view.lastFailure}` : ''}` : '';
	// An engine that stopped says why first: that is what ended its tasks.
	const problems = [view.phase === 'failed' && view.error ? view.error : '', failures]
		.filter(Boolean)
		.join('  ');
	const titles = [engineTitle(view.engine, threads), engineKinds[view.engine].shortTitle];
	const candidates = [
		...titles.map((title) => [title, figures] as const),
		...Array.from({length: Math.max(0, figures.length - 1)}, (_, dropped) => [titles[1]!, figures.slice(0, figures.length - 1 - dropped)] as const),
	];
	const [title, shown] = candidates.find(([name, kept]) => stringWidth(`${name}  ${kept.join('  ')}`) <= width) ?? candidates.at(-1)!;
	return fitSegments([[title, chalk.bold], [shown.length > 0 ? `  ${shown.join('  ')}` : ''], [problems ? `  ${problems}` : '', chalk.red]], width);
}

/** What --timeout does on this engine (async leaves stopping to the task itself). */
export function timeoutNote(engine: EngineView['engine'], timeoutMs: number | null): string {
	if (timeoutMs === null) return '';
	return `timeout ${milliseconds(timeoutMs)}: ${engineKinds[engine].timeoutMeaning} · `;
}

/**
 * Which lanes the tasks ran on, with their pid or tid and the core they last ran on, after what
 * --timeout does here when it is set.
 */
export function legendLine(view: EngineView, width: number, timeoutMs: number | null = null): string {
	const kind = engineKinds[view.engine];
	const pid = kind.runtime === 'thread' && view.lanes[0] ? `one process, pid ${view.lanes[0].pid} · ` : '';
	// Lanes that are slots for a thread spawned per task share one description, said once.
	const slots = view.lanes.filter((lane) => lane.tid === null);
	const lanes = [
		...(slots.length > 0 ? [`${slots.map((lane) => kind.laneShortName(lane)).join(' ')}: ${kind.laneIdentity(slots[0]!)}`] : []),
		...view.lanes
			.filter((lane) => lane.tid !== null)
			.map((lane) => {
				const core = view.laneActivity.get(lane.id)?.lastCore ?? null;
				return `${kind.laneShortName(lane)} ${kind.laneIdentity(lane)}${core === null ? '' : ` core ${core}`}`;
			}),
	];
	// Other programs' load while it runs, said the moment it matters (result/evidence.ts's floor).
	const otherLoad = view.otherLoadCores !== null && view.otherLoadCores >= otherLoadFloorCores ? `other programs ${view.otherLoadCores.toFixed(1)} cores · ` : '';
	return fitSegments(
		[
			[otherLoad, chalk.yellow],
			[timeoutNote(view.engine, timeoutMs), chalk.yellow],
			[`${pid}${lanes.join(' · ') || 'no lanes yet'}`, chalk.dim],
		],
		width,
	);
}

function suffix(task: TaskView): string {
	if (task.state === 'running') return `${Math.round(task.progress * 100)}%`.padStart(suffixWidth);
	if (task.state === 'done') return chalk.green(' ✓'.padEnd(suffixWidth));
	if (task.state === 'failed') return chalk.red(' ✗'.padEnd(suffixWidth));
	return ' '.repeat(suffixWidth);
}

function label(text: string): string {
	return chalk.dim(fit(text, labelWidth - 1)) + ' ';
}

/**
 * The bar rows of one panel, at most `rows`, each exactly label + cells + suffix wide: one row per task when they fit (sorted by id,
 * labelled with their lane), else one row per lane with consecutive tasks as segments.
 */
export function barLines(view: EngineView, scale: TimeScale, rows: number): string[] {
	if (rows <= 0) return [];
	const now = view.elapsedMs;
	const laneName = new Map(view.lanes.map((lane) => [lane.id, engineKinds[view.engine].laneShortName(lane)]));
	if (view.tasks.length <= rows) {
		const order = new Map<number, number>();
		return view.tasks.map((task) => {
			const lane = task.lane ?? -1;
			order.set(lane, (order.get(lane) ?? -1) + 1);
			const name = task.lane === null ? '··' : (laneName.get(task.lane) ?? '?');
			return label(`${name} #${task.id}`) + styleCells(taskCells(task, scale, now, order.get(lane))) + suffix(task);
		});
	}

	// Lanes in the order they were first used (never reordered once shown); those that never
	// ran a task fold into one line, so idle units never hide busy ones.
	const byId = new Map(view.lanes.map((lane) => [lane.id, lane]));
	const used = [...view.laneActivity.entries()].flatMap(([id, activity]) => {
		const lane = byId.get(id);
		return lane && activity.taskIds.length > 0 ? [lane] : [];
	});
	const idle = view.lanes.filter((lane) => (view.laneActivity.get(lane.id)?.taskIds.length ?? 0) === 0);
	const idleRows = idle.length > 0 && rows >= 2 ? 1 : 0;
	const room = rows - idleRows;
	const shown = used.length <= room ? used : used.slice(0, room - 1);
	const width = labelWidth + scale.cells + suffixWidth;
	const lines = shown.map((lane) => {
		const activity = view.laneActivity.get(lane.id);
		const tasks = (activity?.taskIds ?? []).map((id) => view.tasks[id]!);
		const running = activity?.running ?? 0;
		const tail = running > 1 ? `×${running}`.padStart(suffixWidth) : ' '.repeat(suffixWidth);
		return label(laneName.get(lane.id) ?? '?') + styleCells(laneCells(tasks, scale, now)) + tail;
	});
	if (shown.length < used.length) {
		const hidden = used.slice(shown.length);
		const busy = hidden.filter((lane) => (view.laneActivity.get(lane.id)?.running ?? 0) > 0).length;
		lines.push(fitSegments([[`… ${hidden.length} more lanes, ${busy} busy`, chalk.dim]], width));
	}

	if (idleRows > 0) lines.push(fitSegments([[idleLine(view, idle), chalk.dim]], width));
	return lines;
}

/** "8 idle (T9 … T16): the pool has 16 threads for 8 tasks", or why else they wait. */
function idleLine(view: EngineView, idle: readonly LaneInfo[]): string {
	const kind = engineKinds[view.engine];
	const names = idle.length === 1 ? kind.laneShortName(idle[0]!) : `${kind.laneShortName(idle[0]!)} … ${kind.laneShortName(idle.at(-1)!)}`;
	const why =
		view.lanes.length > view.tasks.length
			? `the pool has ${kind.unitsText(view.lanes.length)} for ${view.tasks.length} tasks`
			: view.phase === 'running'
				? 'no task reached them yet'
				: 'no task reached them';
	return `${idle.length} idle (${names}): ${why}`;
}

/** Time marks under the bars: 0 at the left, the axis span at the right. */
export function axisLine(scale: TimeScale): string {
	const marks = Array.from({length: scale.cells}, () => ' ');
	const put = (cell: number, text: string) => {
		for (let i = 0; i < text.length && cell + i < marks.length; i++) marks[cell + i] = text[i]!;
	};

	const end = seconds(scale.axisMs);
	put(0, '0 s');
	put(Math.floor(scale.cells / 2) - 2, seconds(scale.axisMs / 2));
	put(scale.cells - end.length, end);
	return chalk.dim(' '.repeat(labelWidth) + marks.join(''));
}

export function cellsFor(width: number): number {
	return Math.max(10, width - labelWidth - suffixWidth);
}

export type PanelLayout = {readonly width: number; readonly rows: number};

/** Every line of one panel, each exactly `width` wide, at most `rows` of them. */
export function panelLines(view: EngineView, axisMs: number, layout: PanelLayout, timeoutMs: number | null = null, threads: RunConfig['threads'] = 'pool'): string[] {
	const scale = {axisMs, cells: cellsFor(layout.width)};
	const withLegend = layout.rows >= 3;
	const head = [titleLine(view, layout.width, threads), ...(withLegend ? [legendLine(view, layout.width, timeoutMs)] : [])];
	const bars = barLines(view, scale, layout.rows - head.length);
	return [...head, ...bars];
}

