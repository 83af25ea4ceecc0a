/** Below this the dashboard asks for a bigger terminal instead of drawing a broken layout. */
export const minColumns = 60;
export const minRows = 20;
/** Panels go side by side from this width (about 50 columns each). */
export const sideBySideColumns = 150;
/** From this height the result is shown below the timeline instead of on a page of its own. */
export const combinedRows = 40;

export type DashboardLayout =
	| {readonly kind: 'too-small'}
	| {
			readonly kind: 'ok';
			readonly sideBySide: boolean;
			readonly panelWidth: number;
			/** Rows for each panel (title, legend, bars). */
			readonly panelRows: number;
			/** Rows left for the result below the timeline (0: not shown there). */
			readonly resultRows: number;
	  };

/** Fixed rows: header, hardware strip, axis, footer. */
const chromeRows = 4;

/**
 * Splits the terminal between the panels and the result. The frame stays below the terminal's
 * height: Ink clears the whole screen when its output reaches it, which flickers.
 */
export function computeLayout(columns: number, rows: number, panels: number, withResult: boolean): DashboardLayout {
	if (columns + 1 < minColumns || rows < minRows) return {kind: 'too-small'};
	const usable = rows - 1 - chromeRows;
	const resultRows = withResult && rows >= combinedRows ? Math.min(24, Math.floor(usable / 2)) : 0;
	const timelineRows = usable - resultRows;
	const count = Math.max(1, panels);
	// `columns` is the drawing width, the terminal's minus one: side by side from a 150-column terminal.
	const sideBySide = columns + 1 >= sideBySideColumns && count > 1;
	if (sideBySide) {
		return {kind: 'ok', sideBySide, panelWidth: Math.floor((columns - (count - 1)) / count), panelRows: timelineRows, resultRows};
	}

	return {kind: 'ok', sideBySide, panelWidth: columns, panelRows: Math.floor(timelineRows / count), resultRows};
}
