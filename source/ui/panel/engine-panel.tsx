import {Box, Text} from 'ink';
import {memo} from 'react';
import type {EngineView} from '../../store/views.js';
import type {RunConfig} from '../../model/run-config.js';
import type {PanelGeometry} from '../layout.js';
import {panelLines} from './panel-lines.js';

type EnginePanelProps = {
	readonly view: EngineView;
	readonly axisMs: number;
	/** Its columns, the same for every panel: a moment sits in the same column in each. */
	readonly panel: PanelGeometry;
	readonly rows: number;
	/** --timeout, which the panel explains: it means something different on each engine. */
	readonly timeoutMs?: number | null;
	/** --threads: the thread engine's title says when it spawns a thread per task. */
	readonly threads?: RunConfig['threads'];
	/** Side by side, each axis on the panel's last row, level with the others', before its bars arrive too. */
	readonly axisOnLastRow?: boolean;
};

/**
 * One engine's panel as a single Text of pre-built lines (its axis under its last lane), padded to exactly `rows` so the frame
 * never changes height. Memoised: it re-renders only when its engine's view, its geometry or the axis changed.
 */
export const EnginePanel = memo(
	function EnginePanel({view, axisMs, panel, rows, timeoutMs = null, threads = 'pool', axisOnLastRow = false}: EnginePanelProps) {
	const lines = panelLines(view, axisMs, panel, rows, timeoutMs, threads);
	const blank = ' '.repeat(panel.width);
	while (lines.length < rows) {
		if (axisOnLastRow) lines.splice(-1, 0, blank);
		else lines.push(blank);
	}

	return (
		<Box width={panel.width} height={rows}>
			<Text wrap="truncate">{lines.join('\n')}</Text>
		</Box>
	);
	},
	// The geometry is computed afresh each frame: equal columns are the same geometry.
	(before, after) =>
		before.view === after.view &&
		before.axisMs === after.axisMs &&
		before.rows === after.rows &&
		before.timeoutMs === after.timeoutMs &&
		before.threads === after.threads &&
		before.axisOnLastRow === after.axisOnLastRow &&
		samePanel(before.panel, after.panel),
);

function samePanel(a: PanelGeometry, b: PanelGeometry): boolean {
	return a.width === b.width && a.labelWidth === b.labelWidth && a.cells === b.cells && a.suffixWidth === b.suffixWidth && a.compact === b.compact;
}
