/** Below this the dashboard asks for a bigger terminal instead of drawing a broken layout. */
export const minColumns = 60;
export const minRows = 20;
/**
 * Panels go side by side from a terminal this wide: three panels of 25 columns, bars of 15 cells
 * or more (docs/decisions.md, "Side by side from 80 columns", has the captures that decided it).
 */
export const sideBySideColumns = 80;
/** Narrower panels than this use the compact drawing: short labels, a title on two rows. */
const compactBelowColumns = 48;

/** What a panel's bars could use: one row per task when they fit, else one per lane. */
export type PanelWant = {
	readonly tasks: number;
	readonly lanes: number;
	/** The widest compact lane name it can show ("L", "T2", "P16"). */
	readonly laneNameWidth: number;
};

/** The stacked or side-by-side arrangement, as the user chose it with `l` (null: the default for the width). */
export type Arrangement = 'side by side' | 'stacked';

/**
 * One panel's columns, the same for every panel so a moment sits in the same column in each:
 * the lane label, the bar's cells on the shared time axis, and the figure after the bar.
 */
export type PanelGeometry = {
	readonly width: number;
	readonly labelWidth: number;
	readonly cells: number;
	readonly suffixWidth: number;
	/** Short labels and a title on two rows (panels narrower than `compactBelowColumns`). */
	readonly compact: boolean;
};

export type DashboardLayout =
	| {readonly kind: 'too-small'}
	| {
			readonly kind: 'ok';
			readonly sideBySide: boolean;
			/** Whether the other arrangement fits too (`l` switches). */
			readonly canSideBySide: boolean;
			readonly panel: PanelGeometry;
			/** Rows of each panel: its title, legend, bars and its own axis under them. */
			readonly panelRows: readonly number[];
			/** Rows left for the result below the timeline (0: it has a page of its own). */
			readonly resultRows: number;
	  };

/** Fixed rows: header, hardware strip, footer. */
const chromeRows = 3;
/** The fewest rows the result needs below the timeline: its table (3 engines) and a verdict. */
const resultMinRows = 14;

const digits = (count: number) => String(Math.max(0, count)).length;
/** Rows of a row-per-task panel: its tasks, and one line for the idle units of a pool larger than the tasks. */
const taskRows = (want: PanelWant) => want.tasks + (want.lanes > want.tasks ? 1 : 0);

/** A panel's columns at `width`: wide labels ("T1 #3" in 10 columns) or compact ones sized to what the run can show. */
export function panelGeometry(width: number, wants: readonly PanelWant[], perTask: boolean): PanelGeometry {
	if (width >= compactBelowColumns) return {width, labelWidth: 10, suffixWidth: 5, cells: Math.max(10, width - 15), compact: false};
	// "T2 #7 ": the lane, the task's number when there is a row per task, and a space; "·· #7" for a queued one.
	const lane = Math.max(2, ...wants.map((want) => want.laneNameWidth));
	const labelWidth = 1 + lane + (perTask ? 2 + digits(Math.max(...wants.map((want) => want.tasks)) - 1) : 0);
	// " 72%": a blank before the percentage, which a bar reaching its end would otherwise touch ("####72%").
	const suffixWidth = 4;
	return {width, labelWidth, suffixWidth, cells: Math.max(8, width - labelWidth - suffixWidth), compact: true};
}

/** Each panel's own rows beside its bars: title (two rows when compact), legend, axis. */
const panelChromeRows = (panel: PanelGeometry) => (panel.compact ? 4 : 3);

/**
 * Splits the terminal between the panels and the result. The frame stays below the terminal's
 * height: Ink clears the whole screen when its output reaches it, which flickers. Each panel gets
 * the rows its bars use (a row per task when they fit, else per lane), so no panel keeps blank
 * rows between its last lane and its axis. The finished timeline keeps the rows it had while it
 * ran: the result goes below it only when the rows left hold it, else on a page of its own.
 */
export function computeLayout(columns: number, rows: number, wants: readonly PanelWant[], withResult: boolean, chosen: Arrangement | null = null): DashboardLayout {
	if (columns + 1 < minColumns || rows < minRows) return {kind: 'too-small'};
	const usable = rows - 1 - chromeRows;
	const count = Math.max(1, wants.length);
	// `columns` is the drawing width, the terminal's minus one.
	const canSideBySide = columns + 1 >= sideBySideColumns && count > 1;
	const sideBySide = canSideBySide && chosen !== 'stacked';
	const timeline = sideBySide ? sideBySideRows(columns, usable, wants) : stackedRows(columns, usable, wants);
	const tallest = sideBySide ? Math.max(...timeline.panelRows) : timeline.panelRows.reduce((sum, each) => sum + each, 0);
	const left = usable - tallest;
	const resultRows = withResult && left >= resultMinRows ? left : 0;
	return {kind: 'ok', sideBySide, canSideBySide, ...timeline, resultRows};
}

function sideBySideRows(columns: number, usable: number, wants: readonly PanelWant[]): {panel: PanelGeometry; panelRows: number[]} {
	const count = Math.max(1, wants.length);
	const width = Math.floor((columns - (count - 1)) / count);
	const compact = width < compactBelowColumns;
	const barRows = Math.max(1, usable - (compact ? 4 : 3));
	const perTask = wants.every((want) => taskRows(want) <= barRows);
	const panel = panelGeometry(width, wants, perTask);
	return {panel, panelRows: wants.map((want) => panelChromeRows(panel) + (perTask ? taskRows(want) : Math.min(want.lanes, barRows)))};
}

function stackedRows(columns: number, usable: number, wants: readonly PanelWant[]): {panel: PanelGeometry; panelRows: number[]} {
	const count = Math.max(1, wants.length);
	const chrome = panelChromeRows(panelGeometry(columns, wants, false));
	const barRows = Math.max(count, usable - chrome * count);
	// A row per task in every panel when all fit; else a row per lane in every panel (the same
	// reading in each), a fair share first, then what the others left to those with more lanes.
	const perTask = wants.reduce((sum, want) => sum + taskRows(want), 0) <= barRows;
	const share = Math.floor(barRows / count);
	const given = wants.map((want) => (perTask ? taskRows(want) : Math.max(1, Math.min(want.lanes, share))));
	let left = barRows - given.reduce((sum, rowsOf) => sum + rowsOf, 0);
	for (const [index, want] of wants.entries()) {
		if (perTask) break;
		const more = Math.min(left, Math.max(0, want.lanes - given[index]!));
		given[index]! += more;
		left -= more;
	}

	return {panel: panelGeometry(columns, wants, perTask), panelRows: given.map((bars) => bars + chrome)};
}
