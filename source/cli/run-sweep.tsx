import {render} from 'ink';
import type {MachineInfo} from '../model/result-types.js';
import {usableCores} from '../model/run-config.js';
import {LatestValue} from '../store/latest-value.js';
import {runSweep, type SweepPlan, type SweepProgress} from '../session/sweep-session.js';
import {sweepReport} from '../report/sweep-report.js';
import {sweepHeader} from '../present/sweep-text.js';
import type {SweepDocument} from '../result/sweep-analysis.js';
import {seconds, times} from '../result/format.js';
import {SweepView} from '../ui/sweep-view.js';
import {asciiStream, toAscii} from './ascii-output.js';
import {framedStream} from './framed-output.js';
import {SuspendableScreen} from './suspendable-screen.js';
import {applyColorPreference} from './color-level.js';
import type {CliOptions} from './parse-flags.js';

type SweepOptions = CliOptions & {readonly sweep: NonNullable<CliOptions['sweep']>};

const planOf = (options: SweepOptions): SweepPlan => ({config: options.config, sizes: options.sweep.sizes, work: options.sweep.work});

/** `concur-tui sweep` in a terminal: the live chart and table until q (or, with --exit, the end). */
export async function runSweepDashboard(options: SweepOptions, machine: MachineInfo, interruption: AbortSignal): Promise<number> {
	applyColorPreference();
	const stop = new AbortController();
	interruption.addEventListener('abort', () => stop.abort(), {once: true});
	const first = emptyDocument(options, machine);
	const state = new LatestValue<SweepProgress>({document: first, measuring: null});
	let quit = () => {};
	const quitting = new Promise<void>((resolve) => {
		quit = resolve;
	});
	const interactive = Boolean(process.stdin.isTTY);
	const stdout = framedStream(options.ascii ? asciiStream(process.stdout) : process.stdout);
	// Ctrl+Z (or SIGTSTP) suspends as in the dashboard: the sweep goes on measuring meanwhile.
	let suspend = () => {};
	const screen = new SuspendableScreen(() =>
		render(<SweepView state={state} interactive={interactive} onQuit={() => quit()} onSuspend={() => suspend()} />, {
			stdout,
			exitOnCtrlC: false,
			patchConsole: false,
			incrementalRendering: true,
		}),
	);
	suspend = screen.suspend;
	void quitting.then(() => stop.abort());
	interruption.addEventListener('abort', () => quit(), {once: true});
	const document = await runSweep(planOf(options), machine, stop.signal, (progress) => state.set(progress));
	if (options.exitWhenDone) setTimeout(() => quit(), 500);
	await quitting;
	screen.unmount();
	await screen.closed();
	screen.dispose();
	// q mid-sweep is the user's choice, as in the dashboard: 0 unless a task failed.
	return sweepExitCode(document, {quitEarly: !options.exitWhenDone});
}

/** `concur-tui sweep` headless: a line per size as it is measured, then the report (or --json). */
export async function runSweepHeadless(options: SweepOptions, machine: MachineInfo, interruption: AbortSignal, write: (text: string) => void): Promise<number> {
	const out = (text: string) => write(options.ascii && !options.json ? toAscii(text) : text);
	if (!options.json) out(`${sweepHeader(emptyDocument(options, machine))}\n`);
	let reported = 0;
	let baselineShown = false;
	const document = await runSweep(planOf(options), machine, interruption, ({document: now}) => {
		if (options.json) return;
		if (now.baseline && !baselineShown) {
			baselineShown = true;
			out(`async (baseline): ${seconds(now.baseline.medianMs)} for ${now.baseline.tasks} tasks\n`);
		}

		const sizes = now.engines[0]?.points ?? [];
		for (; reported < sizes.length; reported++) {
			const n = sizes[reported]!.n;
			const parts = now.engines.map((engine) => {
				const point = engine.points.find((each) => each.n === n);
				return point ? `${engine.engine} ${seconds(point.medianMs)} (${times(point.speedup)})` : '';
			});
			out(`pool ${n}: ${parts.filter(Boolean).join(', ')}\n`);
		}
	});
	out(options.json ? `${JSON.stringify(document, null, 2)}\n` : sweepReport(document).split('\n').slice(1).join('\n'));
	return sweepExitCode(document, {quitEarly: false});
}

/** 1 when a task failed at any size (or, unless the user quit, the sweep did not complete), else 0. */
function sweepExitCode(document: SweepDocument, {quitEarly}: {readonly quitEarly: boolean}): number {
	const failed = document.engines.some((engine) => engine.points.some((point) => point.failedTasks > 0));
	return failed || (!document.complete && !quitEarly) ? 1 : 0;
}

function emptyDocument(options: SweepOptions, machine: MachineInfo): SweepDocument {
	return {
		kind: 'concur-tui sweep',
		schema: 1,
		machine,
		config: options.config,
		work: options.sweep.work,
		sizes: options.sweep.sizes,
		cores: usableCores(options.config, machine.cores),
		baseline: null,
		engines: [],
		complete: false,
	};
}
