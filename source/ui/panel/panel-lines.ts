import chalk from 'chalk';
import {otherLoadFloorCores, throttlingMatters} from '../../result/evidence.js';
import cliTruncate from 'cli-truncate';
import stringWidth from 'string-width';
import {engineKinds, engineTitle} from '../../config/engine-kinds.js';
import type {RunConfig} from '../../model/run-config.js';
import {milliseconds, seconds} from '../../result/format.js';
import type {EngineView, TaskView} from '../../store/views.js';
import type {LaneInfo} from '../../model/result-types.js';
import {styleCells} from '../timeline/styled-cells.js';
import {occupancyCells, taskCells} from '../timeline/task-rows.js';
import {IncrementalOccupancy} from '../../present/lane-occupancy.js';
import type {PanelGeometry} from '../layout.js';

/** Pads or cuts plain text to exactly `width` columns. */
function fit(text: string, width: number): string {
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

/** The title's live figures, most important first: elapsed (or the phase), done/total, ∥, the loop's lag. */
function titleFigures(view: EngineView): string[] {
	const total = view.tasks.length;
	return [
		view.t0 === null ? phaseNotes[view.phase] : seconds(view.elapsedMs),
		total > 0 ? `${view.done}/${total}` : '',
		view.parallelism === null ? '' : `∥ ${view.parallelism.toFixed(2)}`,
		engineKinds[view.engine].showsLoopLag && view.loopLagMs !== null ? `lag ${milliseconds(view.loopLagMs)}` : '',
	].filter(Boolean);
}

/** Why the engine stopped (first: that is what ended its tasks) or waits, and its failed tasks. */
function titleProblems(view: EngineView): string {
	const failures = view.failed > 0 ? `${view.failed} failed${view.lastFailure ? `, last ${view.lastFailure}` : ''}` : '';
	return [view.phase === 'failed' && view.error ? view.error : '', view.held ?? '', failures].filter(Boolean).join('  ');
}

/**
 * The panel's title and its live figures. Figures are never cut: when the line is too narrow the
 * title shortens first ("Async"), then the least important figures go, last first (lag, ∥,
 * done/total); a failure's words come after and may be cut (the result lists them whole).
 */
function titleLine(view: EngineView, width: number, threads: RunConfig['threads'] = 'pool'): string {
	const figures = titleFigures(view);
	const titles = [engineTitle(view.engine, threads), engineKinds[view.engine].shortTitle];
	const candidates = [
		...titles.map((title) => [title, figures] as const),
		...Array.from({length: Math.max(0, figures.length - 1)}, (_, dropped) => [titles[1]!, figures.slice(0, figures.length - 1 - dropped)] as const),
	];
	const [title, shown] = candidates.find(([name, kept]) => stringWidth(`${name}  ${kept.join('  ')}`) <= width) ?? candidates.at(-1)!;
	const problems = titleProblems(view);
	return fitSegments([[title, chalk.bold], [shown.length > 0 ? `  ${shown.join('  ')}` : ''], [problems ? `  ${problems}` : '', chalk.red]], width);
}

/**
 * A narrow panel's title on two rows: the model's name, elapsed and done/total over ∥ and the
 * loop's lag ("Async  2.64 s  8/8" over "∥ 0.96  lag 2.6 s"). A figure that does not fit its row
 * moves down; below that the least important go, last first (the result table has them all);
 * none is cut. A failure's words follow on the second row and may be cut.
 */
function compactTitleLines(view: EngineView, width: number, whatRuns?: string): [string, string] {
	const [first, ...others] = titleFigures(view);
	const top = [engineKinds[view.engine].shortTitle, ...(first ? [first] : []), ...others.slice(0, 1)];
	const bottom = others.slice(1);
	const widthOf = (row: readonly string[]) => stringWidth(row.join('  '));
	while (top.length > 1 && widthOf(top) > width) bottom.unshift(top.pop()!);
	while (bottom.length > 0 && widthOf(bottom) > width) bottom.pop();
	const problems = titleProblems(view);
	// What runs the panel ("worker pool") ends the second row where it fits whole and nothing failed.
	const runs = whatRuns !== undefined && !problems && widthOf([...bottom, whatRuns]) <= width ? whatRuns : '';
	return [
		fitSegments([[top[0]!, chalk.bold], [top.length > 1 ? `  ${top.slice(1).join('  ')}` : '']], width),
		fitSegments([[bottom.join('  ')], [runs ? `${bottom.length > 0 ? '  ' : ''}${runs}` : '', chalk.dim], [problems ? `${bottom.length > 0 ? '  ' : ''}${problems}` : '', chalk.red]], width),
	];
}

/** What --timeout does on this engine (async leaves stopping to the task itself). */
function timeoutNote(engine: EngineView['engine'], timeoutMs: number | null): string {
	if (timeoutMs === null) return '';
	return `timeout ${milliseconds(timeoutMs)}: ${engineKinds[engine].timeoutMeaning} · `;
}

/**
 * Which lanes the tasks ran on, with their pid or tid and the core they last ran on, after what
 * --timeout does here when it is set. A panel too narrow to hold that says it shorter: the
 * process's pid once, then each lane with its core ("pid 812 · T1 c0 · T2 c1"; tids are in the
 * result and the exports).
 */
export function legendLine(view: EngineView, width: number, timeoutMs: number | null = null, compact = false, whatRuns?: string): string {
	// What --timeout means here stays while the panel is wide enough for it: the lanes shorten,
	// then are cut (their names label the rows below anyway). What runs the panel comes first.
	// said where it fits whole beside the lanes (a narrow panel keeps its lanes); in a wide panel,
	// the note's analogy for the model too.
	const runs: Segment[] = whatRuns === undefined ? [] : [[`${whatRuns} · `, chalk.dim]];
	const analogy: Segment = [`${engineKinds[view.engine].seed.analogy} · `, chalk.dim];
	const plain = [legendSegments(view, timeoutMs, false, compact, true, width), legendSegments(view, timeoutMs, true, compact, true, width)];
	const candidates = [[...runs, analogy, ...plain[0]!], ...(runs.length > 0 ? plain.map((segments) => [...runs, ...segments]) : []), ...plain];
	const fits = (segments: Segment[]) => stringWidth(segments.map(([text]) => text).join('')) <= width;
	return fitSegments(candidates.find(fits) ?? (compact ? legendSegments(view, timeoutMs, true, compact, false, width) : plain[1]!), width);
}

function legendSegments(view: EngineView, timeoutMs: number | null, short: boolean, compactNames: boolean, withMeaning: boolean, width: number): Segment[] {
	const kind = engineKinds[view.engine];
	const pid = kind.runtime === 'thread' && view.lanes[0] ? (short ? `pid ${view.lanes[0].pid} · ` : `one process, pid ${view.lanes[0].pid} · `) : '';
	// Lanes that are slots for a thread spawned per task share one description, said once.
	const slots = view.lanes.filter((lane) => lane.tid === null);
	const name = (lane: LaneInfo) => kind.laneShortName(lane, compactNames);
	const entry = (lane: LaneInfo) => {
		const core = view.laneActivity.get(lane.id)?.lastCore ?? null;
		if (!short) return `${name(lane)} ${kind.laneIdentity(lane)}${core === null ? '' : ` core ${core}`}`;
		return `${name(lane)}${kind.runtime === 'thread' ? '' : ` ${lane.pid}`}${core === null ? '' : ` c${core}`}`;
	};

	// Only as many lanes as the line can show: 256 of them cost a frame 20 ms in strings alone.
	let lanes = slots.length > 0 ? `${slots.slice(0, width).map(name).join(' ')}: ${kind.laneIdentity(slots[0]!)}` : '';
	for (const lane of view.lanes) {
		if (lanes.length > width) break;
		if (lane.tid !== null) lanes += `${lanes ? ' · ' : ''}${entry(lane)}`;
	}

	// Other programs' load while it runs, said the moment it matters (result/evidence.ts's floor).
	const otherCores = view.otherLoadCores !== null && view.otherLoadCores >= otherLoadFloorCores ? view.otherLoadCores.toFixed(1) : null;
	const otherLoad = otherCores === null ? '' : short ? `other ${otherCores} cores · ` : `other programs ${otherCores} cores · `;
	// A CPU quota that held the engine back, once it ended (the same rule as the verdict's).
	const throttling = throttlingMatters(view.throttling, view.elapsedMs) ? `${short ? 'throttled' : 'quota throttled'} ${view.throttling.throttledPeriods}/${view.throttling.periods} periods · ` : '';
	// Async's helper threads where they did work: the CPU libuv's pool (and V8's threads) used beside the JS thread.
	const {helpers} = view;
	// Each helper is said only where it used 10 ms or more: no "libuv 0.00 s" when only V8's threads worked.
	const libuv = helpers !== null && helpers.libuvCpuMs >= 10 ? helpers.libuvCpuMs : null;
	const v8 = helpers !== null && helpers.v8CpuMs >= 10 ? helpers.v8CpuMs : null;
	const helperParts = short
		? [libuv === null ? '' : `libuv ${seconds(libuv)}`, v8 === null ? '' : `V8 ${seconds(v8)}`]
		: [libuv === null ? '' : `libuv pool of ${helpers!.uvThreads}: ${seconds(libuv)} CPU`, v8 === null ? '' : `V8 ${seconds(v8)}${libuv === null ? ' CPU' : ''}`];
	const helperList = helperParts.filter((part) => part !== '').join(', ');
	const helpersText = helperList === '' ? '' : short ? `${helperList} · ` : `helper threads: ${helperList} · `;
	const timeout = !withMeaning && timeoutMs !== null ? `timeout ${milliseconds(timeoutMs)} · ` : timeoutNote(view.engine, timeoutMs);
	return [
		[otherLoad, chalk.yellow],
		[throttling, chalk.yellow],
		[helpersText, chalk.cyan],
		[timeout, chalk.yellow],
		[`${pid}${lanes || 'no lanes yet'}`, chalk.dim],
	];
}

/** Each lane's occupancy, kept while its lane is (a lane's info object lives as long as its run's view). */
const occupancies = new WeakMap<LaneInfo, IncrementalOccupancy>();

/** A running task's progress as its row shows it: never 100% before it ends. */
const percent = (progress: number) => `${Math.min(99, Math.round(progress * 100))}%`;

/** The figure after a task's bar: its progress while it runs, ✓ or ✗ once it ended. */
function suffix(task: TaskView, width: number): string {
	if (task.state === 'running') return percent(task.progress).padStart(width);
	if (task.state === 'done') return chalk.green(' ✓'.padEnd(width));
	if (task.state === 'failed') return chalk.red(' ✗'.padEnd(width));
	return ' '.repeat(width);
}

function label(text: string, width: number): string {
	return chalk.dim(fit(text, width - 1)) + ' ';
}

/**
 * The bar rows of one panel, at most `rows`, each exactly the panel's width: one row per task when they fit (sorted by id,
 * labelled with their lane), else one row per lane with consecutive tasks as segments.
 */
function barLines(view: EngineView, panel: PanelGeometry, axisMs: number, rows: number): string[] {
	if (rows <= 0) return [];
	const now = view.elapsedMs;
	const scale = {axisMs, cells: panel.cells};
	const laneName = new Map(view.lanes.map((lane) => [lane.id, engineKinds[view.engine].laneShortName(lane, panel.compact)]));
	const idle = view.lanes.filter((lane) => (view.laneActivity.get(lane.id)?.taskIds.length ?? 0) === 0);
	if (view.tasks.length <= rows) {
		const order = new Map<number, number>();
		const lines = view.tasks.map((task) => {
			const lane = task.lane ?? -1;
			order.set(lane, (order.get(lane) ?? -1) + 1);
			const name = task.lane === null ? '··' : (laneName.get(task.lane) ?? '?');
			return label(`${name} #${task.id}`, panel.labelWidth) + styleCells(taskCells(task, scale, now, order.get(lane))) + suffix(task, panel.suffixWidth);
		});
		// A pool larger than the tasks: its idle units, said in one line when there is room.
		if (idle.length > 0 && view.tasks.length > 0 && rows > lines.length) lines.push(fitSegments([[idleLine(view, idle, panel.compact), chalk.dim]], panel.width));
		return lines;
	}

	// Lanes in the order they were first used (never reordered once shown); those that never
	// ran a task fold into one line, so idle units never hide busy ones.
	const byId = new Map(view.lanes.map((lane) => [lane.id, lane]));
	const used = [...view.laneActivity.entries()].flatMap(([id, activity]) => {
		const lane = byId.get(id);
		return lane && activity.taskIds.length > 0 ? [lane] : [];
	});
	const idleRows = idle.length > 0 && rows >= 2 ? 1 : 0;
	const room = rows - idleRows;
	const shown = used.length <= room ? used : used.slice(0, room - 1);
	const lines = shown.map((lane) => {
		const activity = view.laneActivity.get(lane.id);
		const running = activity?.running ?? 0;
		// Several at once: how many; one: its progress, as a task's own row shows it.
		const tail =
			running > 1
				? `×${running}`.padStart(panel.suffixWidth)
				: running === 1 && activity?.progress !== null && activity?.progress !== undefined
					? percent(activity.progress).padStart(panel.suffixWidth)
					: ' '.repeat(panel.suffixWidth);
		// Kept per lane from frame to frame: a frame adds only the tasks still open.
		let occupancy = occupancies.get(lane);
		if (!occupancy) occupancies.set(lane, (occupancy = new IncrementalOccupancy()));
		const cells = occupancy.occupancy(activity?.taskIds ?? [], view.tasks, scale.cells, scale.axisMs / scale.cells, now, running);
		return label(laneName.get(lane.id) ?? '?', panel.labelWidth) + styleCells(occupancyCells(cells, scale.cells)) + tail;
	});
	if (shown.length < used.length) {
		const hidden = used.slice(shown.length);
		const busy = hidden.filter((lane) => (view.laneActivity.get(lane.id)?.running ?? 0) > 0).length;
		lines.push(fitSegments([[panel.compact ? `… ${hidden.length} more, ${busy} busy` : `… ${hidden.length} more lanes, ${busy} busy`, chalk.dim]], panel.width));
	}

	if (idleRows > 0) lines.push(fitSegments([[idleLine(view, idle, panel.compact), chalk.dim]], panel.width));
	return lines;
}

/** "8 idle (T9 … T16): the pool has 16 threads for 8 tasks", or why else they wait. */
function idleLine(view: EngineView, idle: readonly LaneInfo[], compact: boolean): string {
	const kind = engineKinds[view.engine];
	const name = (lane: LaneInfo) => kind.laneShortName(lane, compact);
	const names = idle.length === 1 ? name(idle[0]!) : `${name(idle[0]!)} … ${name(idle.at(-1)!)}`;
	const why =
		view.lanes.length > view.tasks.length
			? `the pool has ${kind.unitsText(view.lanes.length)} for ${view.tasks.length} tasks`
			: view.phase === 'running'
				? 'no task reached them yet'
				: 'no task reached them';
	return `${idle.length} idle (${names}): ${why}`;
}

/**
 * Time marks under the bars: 0 at the left, the axis span at the right, and its middle where
 * there is room for it between them.
 */
function axisLine(panel: PanelGeometry, axisMs: number): string {
	const marks = Array.from({length: panel.cells}, () => ' ');
	const put = (cell: number, text: string) => {
		for (let i = 0; i < text.length && cell + i < marks.length; i++) marks[cell + i] = text[i]!;
	};

	const start = '0 s';
	const end = seconds(axisMs);
	const middle = seconds(axisMs / 2);
	const middleAt = Math.floor(panel.cells / 2) - 2;
	put(0, start);
	if (middleAt > start.length && middleAt + middle.length < panel.cells - end.length) put(middleAt, middle);
	put(panel.cells - end.length, end);
	return chalk.dim(' '.repeat(panel.labelWidth) + marks.join('') + ' '.repeat(panel.width - panel.labelWidth - panel.cells));
}

/**
 * Every line of one panel, each exactly the panel's width, `rows` of them at most, its axis right
 * under its last lane: a bar's position reads against the scale next to it.
 */
export function panelLines(
	view: EngineView,
	axisMs: number,
	panel: PanelGeometry,
	rows: number,
	timeoutMs: number | null = null,
	threads: RunConfig['threads'] = 'pool',
): string[] {
	// A title shortened to the model's name ("Async") says what runs it on its second row, or the
	// legend's, where that fits.
	const fullTitle = engineTitle(view.engine, threads);
	const runs = fullTitle.split(' · ')[1];
	const title = panel.compact ? compactTitleLines(view, panel.width, runs) : [titleLine(view, panel.width, threads)];
	const withLegend = rows >= title.length + 3;
	const said = panel.compact ? runs !== undefined && title[1]!.includes(runs) : title[0]!.includes(fullTitle);
	// The legend leaves its last column blank: side by side, one panel's list of lanes would run on into the next's ("T2 c0 P1 27623").
	const head = [...title, ...(withLegend ? [legendLine(view, panel.width - 1, timeoutMs, panel.compact, said ? undefined : runs)] : [])];
	const bars = barLines(view, panel, axisMs, rows - head.length - 1);
	return [...head, ...bars, axisLine(panel, axisMs)];
}
