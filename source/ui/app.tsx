import {Box, Text} from 'ink';
import {memo, useMemo, useState, useSyncExternalStore} from 'react';
import type {DashboardSnapshot} from '../store/views.js';
import type {DashboardControls, SnapshotSource} from '../model/dashboard-controls.js';
import {footerLine} from './footer-line.js';
import {hardwareStripLine} from './hardware-strip.js';
import {headerLine} from './header-line.js';
import {HelpView} from './help-view.js';
import {keyBinding} from './key-table.js';
import {type Arrangement, computeLayout, minColumns, minRows, type PanelWant, sideBySideColumns} from './layout.js';
import {engineKinds} from '../config/engine-kinds.js';
import type {RunConfig} from '../model/run-config.js';
import {EnginePanel} from './panel/engine-panel.js';
import {ResultView} from './result-view.js';
import {useTerminalSize} from './use-terminal-size.js';
import {useKeys} from './use-keys.js';

type AppProps = {
	readonly store: SnapshotSource<DashboardSnapshot>;
	readonly controls: DashboardControls;
	/** False when stdin is not a terminal: keys are off, and no raw mode is asked for. */
	readonly interactive: boolean;
	/** Why the keys are off, said in the footer (by default: stdin is not a terminal). */
	readonly keysOff?: string;
};

type Page = 'auto' | 'timeline' | 'result' | 'help';

/** What each panel's bars could use, from the settings (not the live state, so heights hold still). */
function panelWants(config: RunConfig): PanelWant[] {
	return config.engines.map((engine) => {
		const units = engineKinds[engine].unitsAtOnce(config);
		const lanes = Math.max(1, units.threads + units.processes);
		// A pool larger than the tasks folds its idle lanes into one more line.
		return {tasks: config.tasks, lanes: lanes > config.tasks ? config.tasks + 1 : lanes, laneNameWidth: engineKinds[engine].runtime === 'loop' ? 1 : 1 + String(lanes).length};
	});
}

/** The controls that start, change or end a run, each first calling `unfreeze`. */
function caughtUp(controls: DashboardControls, unfreeze: () => void): Partial<DashboardControls> {
	const first =
		<T extends unknown[]>(action: (...args: T) => void) =>
		(...args: T) => {
			unfreeze();
			action(...args);
		};

	return {rerun: first(controls.rerun), nextWorkload: first(controls.nextWorkload), changeTasks: first(controls.changeTasks), changePool: first(controls.changePool), toggleMode: first(controls.toggleMode), quit: first(controls.quit)};
}

/** One line of the frame, drawn again only when its text changed (the panels change far more often). */
const Line = memo(function Line({text}: {readonly text: string}) {
	return <Text wrap="truncate">{text}</Text>;
});

export function App({store, controls, interactive, keysOff}: AppProps) {
	const live = useSyncExternalStore(store.subscribe, store.getSnapshot);
	// f: the view stays on the snapshot taken then while the run (and its measuring) goes on; f again catches up.
	const [frozen, setFrozen] = useState<DashboardSnapshot | null>(null);
	const snapshot = frozen ?? live;
	const terminal = useTerminalSize();
	// The last column stays empty: a line that fills it leaves the cursor in a pending wrap,
	// which some terminals turn into an extra line.
	const columns = terminal.columns - 1;
	const {rows} = terminal;
	const [page, setPage] = useState<Page>('auto');
	// `l`'s choice, kept for the session (null: the default for the terminal's width).
	const [arrangement, setArrangement] = useState<Arrangement | null>(null);
	const [pageOfRun, setPageOfRun] = useState(snapshot.config);
	if (pageOfRun !== snapshot.config) {
		// A new run (new settings) starts on its timeline.
		setPageOfRun(snapshot.config);
		setPage('auto');
	}

	const layout = computeLayout(columns, rows, panelWants(snapshot.config), snapshot.result !== null, arrangement);
	const resultOnItsPage = snapshot.result !== null && layout.kind === 'ok' && layout.resultRows === 0;
	const shown = page === 'auto' ? (resultOnItsPage ? 'result' : 'timeline') : page;

	useKeys(
		(input, key) => {
			if (key.escape) {
				setPage('auto');
				return;
			}

			keyBinding(input, key.ctrl)?.({
				...controls,
				// A key that starts or changes a run, or quits, first lets go of a frozen view: a new run is
				// never started out of sight, and the last frame left on the terminal is the run's own.
				...caughtUp(controls, () => {
					setFrozen(null);
				}),
				toggleFreeze: () => setFrozen(frozen ? null : live),
				toggleHelp: () => setPage(shown === 'help' ? 'auto' : 'help'),
				toggleView: () => setPage(shown === 'result' ? 'timeline' : snapshot.result ? 'result' : 'timeline'),
				toggleLayout() {
					if (layout.kind !== 'ok') return;
					if (!layout.canSideBySide) {
						controls.tell(`side by side needs ${sideBySideColumns} columns; this terminal has ${terminal.columns}`);
						return;
					}

					setArrangement(layout.sideBySide ? 'stacked' : 'side by side');
				},
			});
		},
		{isActive: interactive},
	);

	const {phase, round, config, machine, cores, load, notice} = snapshot;
	const isFrozen = frozen !== null;
	const headerText = useMemo(() => headerLine({phase, round, config, machine}, columns, isFrozen), [phase, round, config, machine, columns, isFrozen]);
	const stripText = useMemo(() => hardwareStripLine(cores, columns, load), [cores, columns, load]);
	const sideBySide = layout.kind === 'ok' && layout.sideBySide;
	const canSideBySide = layout.kind === 'ok' && layout.canSideBySide;
	const footerText = useMemo(
		() => footerLine(columns, interactive, isFrozen ? `FROZEN: ${live.phase === 'done' || live.phase === 'idle' ? 'the run has ended' : 'the run goes on'} · f catches up` : notice, {arrangement: sideBySide ? 'side by side' : 'stacked', canSwitch: canSideBySide}, keysOff),
		[columns, interactive, notice, sideBySide, canSideBySide, keysOff, isFrozen, live.phase],
	);

	if (layout.kind === 'too-small') {
		return (
			<Text wrap="wrap">
				concur-tui needs {minColumns}×{minRows}; this terminal is {terminal.columns}×{rows}. Enlarge it, or press q.
			</Text>
		);
	}

	const header = <Line text={headerText} />;
	// A guided run's footer (the tour's) speaks of the run while it goes: once its result is in, it is left out, so no stale line stays above what follows.
	const guidedEnd = keysOff !== undefined && snapshot.result !== null;
	const footer = guidedEnd ? null : <Line text={footerText} />;
	// A guided run's last frame is as tall as what it shows: what follows it (the tour's grade) comes right under it, not under a screen's worth of blank rows.
	const height = guidedEnd ? undefined : rows - 1;
	if (shown === 'help' || (shown === 'result' && snapshot.result)) {
		return (
			<Box flexDirection="column" height={height}>
				{header}
				<Box flexGrow={1} flexDirection="column" overflow="hidden">
					{shown === 'help' || !snapshot.result ? (
						<HelpView width={columns} rows={rows - 3} />
					) : (
						<>
							<ResultView result={snapshot.result} rows={rows - 4} width={columns} />
							{/* The timeline gave way to the result: say where it went (where keys work). */}
							{interactive ? <Text dimColor>v: this run&apos;s timeline</Text> : null}
						</>
					)}
				</Box>
				{footer}
			</Box>
		);
	}

	const panels = snapshot.engines.map((view, index) => (
		<EnginePanel
			key={view.engine}
			view={view}
			axisMs={snapshot.axisMs}
			panel={layout.panel}
			rows={layout.panelRows[index] ?? 3}
			timeoutMs={snapshot.config.timeoutMs}
			threads={snapshot.config.threads}
			axisOnLastRow={layout.sideBySide}
		/>
	));
	// The footer stays on the terminal's last drawn row: rows the panels do not use go above it.
	return (
		<Box flexDirection="column" height={height}>
			{header}
			<Line text={stripText} />
			{layout.sideBySide ? (
				<Box flexDirection="row" columnGap={1}>
					{panels}
				</Box>
			) : (
				panels
			)}
			{snapshot.result && layout.resultRows > 0 ? (
				<Box height={guidedEnd ? undefined : layout.resultRows} overflow="hidden">
					<ResultView result={snapshot.result} rows={layout.resultRows} width={columns} />
				</Box>
			) : null}
			<Box flexGrow={1} />
			{footer}
		</Box>
	);
}
