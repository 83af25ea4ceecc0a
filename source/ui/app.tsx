import {Box, Text, useInput} from 'ink';
import {useState, useSyncExternalStore} from 'react';
import type {DashboardSnapshot} from '../store/views.js';
import type {DashboardControls, SnapshotSource} from '../model/dashboard-controls.js';
import {footerLine} from './footer-line.js';
import {hardwareStripLine} from './hardware-strip.js';
import {headerLine} from './header-line.js';
import {HelpView} from './help-view.js';
import {keyBinding} from './key-table.js';
import {computeLayout, minColumns, minRows} from './layout.js';
import {EnginePanel} from './panel/engine-panel.js';
import {axisLine, cellsFor} from './panel/panel-lines.js';
import {ResultView} from './result-view.js';
import {useTerminalSize} from './use-terminal-size.js';

type AppProps = {
	readonly store: SnapshotSource<DashboardSnapshot>;
	readonly controls: DashboardControls;
	/** False when stdin is not a terminal: keys are off, and no raw mode is asked for. */
	readonly interactive: boolean;
};

type Page = 'auto' | 'timeline' | 'result' | 'help';

export function App({store, controls, interactive}: AppProps) {
	const snapshot = useSyncExternalStore(store.subscribe, store.getSnapshot);
	const terminal = useTerminalSize();
	// The last column stays empty: a line that fills it leaves the cursor in a pending wrap,
	// which some terminals turn into an extra line.
	const columns = terminal.columns - 1;
	const {rows} = terminal;
	const [page, setPage] = useState<Page>('auto');
	const [pageOfRun, setPageOfRun] = useState(snapshot.config);
	if (pageOfRun !== snapshot.config) {
		// A new run (new settings) starts on its timeline.
		setPageOfRun(snapshot.config);
		setPage('auto');
	}

	const layout = computeLayout(columns, rows, snapshot.engines.length, snapshot.result !== null);
	const resultOnItsPage = snapshot.result !== null && layout.kind === 'ok' && layout.resultRows === 0;
	const shown = page === 'auto' ? (resultOnItsPage ? 'result' : 'timeline') : page;

	useInput(
		(input, key) => {
			if (key.escape) {
				setPage('auto');
				return;
			}

			keyBinding(input, key.ctrl)?.({
				...controls,
				toggleHelp: () => setPage(shown === 'help' ? 'auto' : 'help'),
				toggleView: () => setPage(shown === 'result' ? 'timeline' : snapshot.result ? 'result' : 'timeline'),
			});
		},
		{isActive: interactive},
	);

	if (layout.kind === 'too-small') {
		return (
			<Text wrap="wrap">
				concur-tui needs {minColumns}×{minRows}; this terminal is {terminal.columns}×{rows}. Enlarge it, or press q.
			</Text>
		);
	}

	const header = <Text wrap="truncate">{headerLine(snapshot, columns)}</Text>;
	const footer = <Text wrap="truncate">{footerLine(columns, interactive, snapshot.notice)}</Text>;
	if (shown === 'help' || (shown === 'result' && snapshot.result)) {
		return (
			<Box flexDirection="column" height={rows - 1}>
				{header}
				<Box flexGrow={1} flexDirection="column" overflow="hidden">
					{shown === 'help' || !snapshot.result ? (
						<HelpView width={columns} />
					) : (
						<>
							<ResultView result={snapshot.result} rows={rows - 4} width={columns} />
							{/* The timeline gave way to the result: say where it went. */}
							<Text dimColor>v: this run&apos;s timeline</Text>
						</>
					)}
				</Box>
				{footer}
			</Box>
		);
	}

	const axis = axisLine({axisMs: snapshot.axisMs, cells: cellsFor(layout.panelWidth)});
	const panels = snapshot.engines.map((view) => (
		<EnginePanel key={view.engine} view={view} axisMs={snapshot.axisMs} width={layout.panelWidth} rows={layout.panelRows} timeoutMs={snapshot.config.timeoutMs} threads={snapshot.config.threads} />
	));
	return (
		<Box flexDirection="column">
			{header}
			<Text wrap="truncate">{hardwareStripLine(snapshot.cores, columns, snapshot.load)}</Text>
			{layout.sideBySide ? (
				<Box flexDirection="row" columnGap={1}>
					{panels}
				</Box>
			) : (
				panels
			)}
			<Text wrap="truncate">{layout.sideBySide ? snapshot.engines.map(() => axis).join(' ') : axis}</Text>
			{snapshot.result && layout.resultRows > 0 ? (
				<Box height={layout.resultRows} overflow="hidden">
					<ResultView result={snapshot.result} rows={layout.resultRows} width={columns} />
				</Box>
			) : null}
			{footer}
		</Box>
	);
}
