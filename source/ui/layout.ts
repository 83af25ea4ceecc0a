/** Below this the dashboard asks for a bigger terminal instead of drawing a broken layout. */
export const minColumns = 60;
export const minRows = 20;
/** Panels go side by side from this width (about 50 columns each). */
export const sideBySideColumns = 150;
/** From this height the result is shown below the timeline instead of on a page of its own. */
export const combinedRows = 40;

/** What a panel's bars could use: one row per task when they fit, else one per lane. */
export type PanelWant = {readonly tasks: number; readonly lanes: number};

export type DashboardLayout =
	| {readonly kind: 'too-small'}
	| {
			readonly kind: 'ok';
			readonly sideBySide: boolean;
			readonly panelWidth: number;
			/** Rows of each panel: its title, legend, bars and its own axis under them. */
			readonly panelRows: readonly number[];
			/** Rows left for the result below the timeline (0: not shown there). */
			readonly resultRows: number;
	  };

/** Fixed rows: header, hardware strip, footer. */
const chromeRows = 3;
/** Each panel's own rows beside its bars: title, legend, axis. */
const panelChromeRows = 3;

/**
 * Splits the terminal between the panels and the result. The frame stays below the terminal's
 * height: Ink clears the whole screen when its output reaches it, which flickers. Stacked, each
 * panel gets the rows its bars can use (a fair share first, then what others left), so no panel
 * keeps blank rows between its last lane and its axis; side by side, all get the same height.
 */
export function computeLayout(columns: number, rows: number, wants: readonly PanelWant[], withResult: boolean): DashboardLayout {
	if (columns + 1 < minColumns || rows < minRows) return {kind: 'too-small'};
	const usable = rows - 1 - chromeRows;
	const resultRows = withResult && rows >= combinedRows ? Math.min(24, Math.floor(usable / 2)) : 0;
	const timelineRows = usable - resultRows;
	const count = Math.max(1, wants.length);
	// `columns` is the drawing width, the terminal's minus one: side by side from a 150-column terminal.
	const sideBySide = columns + 1 >= sideBySideColumns && count > 1;
	if (sideBySide) {
		return {kind: 'ok', sideBySide, panelWidth: Math.floor((columns - (count - 1)) / count), panelRows: wants.map(() => timelineRows), resultRows};
	}

	const barRows = Math.max(count, timelineRows - panelChromeRows * count);
	// A row per task in every panel when all fit; else a row per lane in every panel (the same
	// reading in each), a fair share first, then what the others left to those with more lanes.
	const perTask = wants.reduce((sum, want) => sum + want.tasks, 0) <= barRows;
	const share = Math.floor(barRows / count);
	const given = wants.map((want) => (perTask ? want.tasks : Math.max(1, Math.min(want.lanes, share))));
	let left = barRows - given.reduce((sum, rowsOf) => sum + rowsOf, 0);
	for (const [index, want] of wants.entries()) {
		if (perTask) break;
		const more = Math.min(left, Math.max(0, want.lanes - given[index]!));
		given[index]! += more;
		left -= more;
	}

	return {kind: 'ok', sideBySide, panelWidth: columns, panelRows: given.map((bars) => bars + panelChromeRows), resultRows};
}
