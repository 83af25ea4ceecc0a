import {Box, Text, useInput} from 'ink';
import {useSyncExternalStore} from 'react';
import type {SnapshotSource} from '../model/dashboard-controls.js';
import type {SweepDocument} from '../result/sweep-analysis.js';
import {sweepChart} from '../present/sweep-chart.js';
import {sweepHeader, sweepSummaryParts, sweepTable} from '../present/sweep-text.js';
import type {EngineName} from '../model/run-config.js';
import {wrapWords} from '../util/wrap-words.js';
import {useTerminalSize} from './use-terminal-size.js';
import {minColumns, minRows} from './layout.js';

/** What the sweep view draws: the document so far and the point being measured. */
type SweepViewState = {
	readonly document: SweepDocument;
	readonly measuring: {readonly n: number; readonly engine: EngineName | null; readonly round: number; readonly rounds: number} | null;
};

type SweepViewProps = {
	readonly state: SnapshotSource<SweepViewState>;
	readonly onQuit: () => void;
	/** Ctrl+Z: give the terminal back until `fg`. */
	readonly onSuspend?: () => void;
	readonly interactive: boolean;
};

/**
 * The live sweep: speedup against pool size as it is measured (the size being measured marked
 * under the axis), the table of every size, and, once there are points, the fits and the
 * recommendation. It fits the terminal: the summary goes first, then the chart shrinks to 5 rows.
 */
export function SweepView({state, onQuit, onSuspend, interactive}: SweepViewProps) {
	const {document, measuring} = useSyncExternalStore(state.subscribe, state.getSnapshot);
	const terminal = useTerminalSize();
	const columns = terminal.columns - 1;
	const rows = terminal.rows - 1;
	useInput(
		(input, key) => {
			if (input === 'q' || (key.ctrl && input === 'c')) onQuit();
			else if (key.ctrl && input === 'z') onSuspend?.();
		},
		{isActive: interactive},
	);
	if (columns + 1 < minColumns || terminal.rows < minRows) {
		return <Text wrap="wrap">concur-tui needs {minColumns}×{minRows}; this terminal is {terminal.columns}×{terminal.rows}. Enlarge it, or press q.</Text>;
	}

	const table = sweepTable(document.engines, document.sizes, document.cores, columns >= 120);
	// What matters most first: the recommendations, then the baseline, the fits, what the work means.
	const parts = sweepSummaryParts(document);
	const wrap = (texts: readonly string[]) => texts.flatMap((line) => wrapWords(line, columns));
	const summaryInOrder = [wrap(parts.recommendations), wrap(parts.baseline), wrap(parts.fits), wrap(parts.work)];
	const status = measuring
		? `measuring pool ${measuring.n}${measuring.engine ? ` on ${measuring.engine}` : ''}${measuring.rounds > 1 ? ` (round ${measuring.round + 1} of ${measuring.rounds})` : ''}`
		: document.complete
			? 'done'
			: 'stopped';
	// Every line built here, then fitted to the rows: the summary goes first, then the chart
	// shrinks (to 5 rows of plot at least); the frame never grows past the terminal.
	const chartOf = (plotRows: number) => sweepChart(document.engines, {width: columns, height: plotRows - 1, cores: document.cores, sizes: document.sizes, measuring: measuring?.n ?? null});
	const fixed = 3 + table.length;
	const smallestChart = 5 + 3;
	const summary: string[] = [];
	for (const part of summaryInOrder) {
		if (fixed + smallestChart + summary.length + part.length <= rows) summary.push(...part);
	}

	let plotRows = Math.max(5, Math.min(14, rows - fixed - 3 - summary.length));
	let chart = chartOf(plotRows);
	while (chart.length + fixed + summary.length > rows && plotRows > 5) chart = chartOf(--plotRows);
	const lines = [...chart, legend(document), ...table, ...summary];
	return (
		// The last column stays empty, as on the dashboard (a full line leaves the cursor in a pending wrap).
		<Box flexDirection="column" width={columns} height={rows} overflow="hidden">
			<Text wrap="truncate">
				<Text bold color="cyan">
					{sweepHeader(document, columns)}
				</Text>
			</Text>
			{lines.map((line, index) => (
				<Text key={index} wrap="truncate">
					{line}
				</Text>
			))}
			<Box flexGrow={1} />
			<Text wrap="truncate">
				<Text color={measuring ? 'yellow' : 'green'}>{status}</Text>
				<Text dimColor>{interactive ? ' · q quit · Ctrl+Z suspend' : ' · keys off: stdin is not a terminal · Ctrl+C to stop'}</Text>
			</Text>
		</Box>
	);
}

function legend(document: SweepDocument): string {
	const names = document.engines.map((engine) => `${engine.engine} ${engine.engine === 'threads' ? '(cyan)' : '(magenta)'}`);
	return `${names.join(', ')}, ideal (grey), fitted (yellow)`;
}
