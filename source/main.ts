import {allowedCores} from './measure/allowed-cores.js';
import meow from 'meow';
import {longRunNotice} from './config/run-estimate.js';
import {RunBus} from './bus/run-bus.js';
import {isCiEnvironment} from './cli/ci-environment.js';
import {tuneV8ForTheUi} from './cli/ui-v8-flags.js';
import {exitCodeOf, exitCodes} from './cli/exit-code.js';
import {helpText} from './cli/help-text.js';
import {subscribeHeadlessReporters} from './session/headless-reporters.js';
import {RunModel} from './run-model/run-model.js';
import {flagDefinitions, resolveOptions, type CliOptions} from './cli/parse-flags.js';
import {machineCapacity, machineInfo} from './measure/machine-info.js';
import {scaleConcern} from './config/scale-check.js';
import {describeError} from './util/describe-error.js';
import {safeText} from './util/safe-text.js';
import {MachineLimitError, UsageError} from './util/usage-error.js';
import {ExportError} from './util/export-file.js';
import {toAscii} from './cli/ascii-output.js';
import {usableCores} from './model/run-config.js';
import {expandShortFlags} from './cli/short-flags.js';
import {sweepTasksAt} from './config/sweep-work.js';

/** One line on stderr, whatever the message holds (a path or a module's error may carry newlines or escapes). */
function fail(message: string, code: number): never {
	process.stderr.write(`concur-tui: ${safeText(message)}\n`);
	process.exit(code);
}

function parse(): CliOptions {
	let cli;
	// -h, -v and -V as people type them (meow knows only --help and --version), groups split.
	const valuedShortFlags = new Set(Object.values(flagDefinitions).flatMap((flag) => ('shortFlag' in flag ? [flag.shortFlag] : [])));
	const argv = expandShortFlags(process.argv.slice(2), valuedShortFlags);
	try {
		// The help carries its own description, wrapped for 80 columns (the package's is one long line).
		cli = meow(helpText, {importMeta: import.meta, argv, flags: flagDefinitions, allowUnknownFlags: true, description: false});
	} catch (error) {
		// meow's own complaints ("The flag --tasks can only be set once.") are bad usage too.
		// It names a flag as it is kept (--netPort); the user typed --net-port.
		const dashedName = (name: string) => name.replaceAll(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
		throw new UsageError(describeError(error).replace(/^Error: /, '').replaceAll(/--([a-z]+[A-Z][A-Za-z]*)/g, (_flag, name: string) => `--${dashedName(name)}`));
	}

	// meow answers --help and --version only alone; with other flags (`-vn 4`) the first one wins, as in getopt.
	const options = argv.includes('--') ? argv.slice(0, argv.indexOf('--')) : argv;
	const asked = options.find((arg) => arg === '--help' || arg === '--version');
	if (asked === '--help') cli.showHelp(0);
	if (asked === '--version') cli.showVersion();

	// A switch takes no value: `--exit=maybe` would silently mean --exit.
	const switchNames = Object.entries(flagDefinitions).flatMap(([name, flag]) => (flag.type === 'boolean' ? [name.replaceAll(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)] : []));
	const valued = argv.find((arg) => switchNames.some((name) => arg.startsWith(`--${name}=`) || arg.startsWith(`--no-${name}=`)));
	if (valued !== undefined) throw new UsageError(`${valued.slice(0, valued.indexOf('='))} is a switch and takes no value (got "${valued}")`);

	// meow turns a switch not given into false; --ascii not given means "ask the locale".
	const {ascii, ...rest} = cli.flags;
	const asciiGiven = argv.some((arg) => /^--(?:no-)?ascii(?:=|$)/.test(arg));
	return resolveOptions(asciiGiven ? {...rest, ascii} : rest, cli.input, allowedCores());
}

const signalNumbers = {SIGHUP: 1, SIGINT: 2, SIGTERM: 15} as const;
const exitGraceMs = 800;
const forcingSignals = 3;
/** Set by the first signal: the exit code, whatever happens after it. */
let signalExitCode: number | undefined;

/** 128 + SIGPIPE: what a shell expects of a program whose reader went away (`| head`). */
const closedStdoutCode = 141;

/**
 * A run too big for this machine (config/scale-check.ts) starts only with --force, or once the
 * user says y at the terminal before the dashboard starts.
 */
async function checkScale(options: CliOptions, dashboard: boolean): Promise<void> {
	const concern = options.force ? null : scaleConcern(options.config, machineCapacity());
	if (concern === null) return;
	if (!dashboard || !process.stdin.isTTY) throw new UsageError(`${concern}; add --force to run it anyway`);
	const {confirm} = await import('./cli/confirm.js');
	if (!(await confirm(`concur-tui: ${concern}. Run it anyway?`))) throw new UsageError(`not started: ${concern}`);
}

/** `concur-tui replay FILE`: the plain report of a saved run; exit 1 when a task of it failed or never finished, as its run did. */
async function replay(path: string, ascii: boolean): Promise<number> {
	const {readFileSync} = await import('node:fs');
	const {readResultDocument} = await import('./result/read-result.js');
	const {savedRunReport} = await import('./report/text-report.js');
	let text: string;
	try {
		text = readFileSync(path, 'utf8');
	} catch (error) {
		const {code} = error as NodeJS.ErrnoException;
		throw new UsageError(`cannot read ${path}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : describeError(error)}`);
	}

	const result = readResultDocument(text, path);
	let report: string;
	try {
		report = savedRunReport(result);
	} catch (error) {
		// What the checks let through and the report still cannot read: a file edited by hand.
		throw new UsageError(`${path}: no report can be made of it (${describeError(error).replace(/^\w*Error: /, '')}): a field holds what concur-tui did not write there`);
	}

	process.stdout.write(ascii ? toAscii(report) : report);
	return exitCodeOf(result);
}

async function main(): Promise<void> {
	// A reader that closed early (`--json | head -c 100`) ends the run quietly, as SIGPIPE would;
	// the 'exit' handlers still stop every engine host.
	process.stdout.on('error', (error: NodeJS.ErrnoException) => {
		if (error.code === 'EPIPE') process.exit(closedStdoutCode);
		fail(`cannot write to standard output: ${error.message}`, exitCodes.internal);
	});
	const options = parse();
	if (options.replay !== null) {
		process.exitCode = await replay(options.replay, options.ascii);
		return;
	}

	// Engines load lazily: --help and bad flags never pay for them.
	const {runEngines, stopAllHosts, escapedProcessesLine} = await import('./orchestrator/run-engines.js');
	// Said once the screen is restored, whatever the way out.
	process.on('exit', () => {
		const escaped = escapedProcessesLine();
		if (escaped) process.stderr.write(`concur-tui: ${escaped}\n`);
	});
	// Interrupted: stop the engines, let the exports record the partial run (marked incomplete),
	// and exit as the signal would have; within 800 ms whatever happens.
	const interruption = new AbortController();
	// Listening for good (not once): Ink's signal-exit kills the process straight away when it
	// is a signal's last listener, before the partial run is exported. A second signal (GNU
	// timeout sends one to concur-tui and one to its group) only hurries; a third forces.
	let signals = 0;
	for (const [signal, number] of Object.entries(signalNumbers)) {
		process.on(signal, () => {
			signals++;
			if (signals >= forcingSignals) process.exit(signalExitCode ?? 128 + number);
			if (signalExitCode !== undefined) return;
			signalExitCode = 128 + number;
			// Also when the run is over and only the exports or the exit remain.
			process.exitCode = signalExitCode;
			interruption.abort();
			stopAllHosts();
			setTimeout(() => process.exit(128 + number), exitGraceMs).unref();
		});
	}

	if (options.tour) {
		const {runTourCommand} = await import('./cli/run-tour.js');
		const code = await runTourCommand({...options.tour, json: options.json, ascii: options.ascii, dashboard: !isCiEnvironment()}, machineInfo(), interruption.signal, (text) => process.stdout.write(options.ascii ? toAscii(text) : text));
		process.exitCode = signalExitCode ?? code;
		return;
	}

	const inTerminal = process.stdout.isTTY && !options.json;
	const dashboard = inTerminal && !isCiEnvironment();
	tuneV8ForTheUi();
	if (options.sweep) {
		const sweep = {...options, sweep: options.sweep};
		// Checked at its largest pool, with the tasks it runs there.
		const largest = Math.max(...sweep.sweep.sizes);
		await checkScale({...options, config: {...options.config, pool: largest, tasks: sweepTasksAt(sweep.sweep.work, options.config.tasks, largest)}}, dashboard);
		const {runSweepDashboard, runSweepHeadless} = await import('./cli/run-sweep.js');
		const code = dashboard
			? await runSweepDashboard(sweep, machineInfo(), interruption.signal)
			: await runSweepHeadless(sweep, machineInfo(), interruption.signal, (text) => process.stdout.write(text));
		process.exitCode = signalExitCode ?? code;
		return;
	}

	await checkScale(options, dashboard);
	if (dashboard) {
		const {runDashboard} = await import('./cli/run-dashboard.js');
		const code = await runDashboard(options, machineInfo(), interruption.signal);
		process.exitCode = signalExitCode ?? code;
		return;
	}

	if (inTerminal) {
		process.stderr.write('concur-tui: CI is set (Ink would draw only the last frame), so here is the report instead of the dashboard\n');
	}

	// A long run says so before it starts (stderr: stdout may be the JSON document).
	const longRun = longRunNotice(options.config, usableCores(options.config, machineInfo().cores));
	if (longRun) process.stderr.write(`concur-tui: ${longRun}\n`);
	const bus = new RunBus();
	const model = new RunModel(bus);
	const reporters = subscribeHeadlessReporters(bus, model, options, process.stdout, options.ascii && !options.json ? toAscii : undefined);
	const result = await runEngines(options.config, bus, machineInfo(), interruption.signal, model);
	await reporters.written();
	process.exitCode = signalExitCode ?? exitCodeOf(result);
}

try {
	await main();
} catch (error) {
	// An engine host stopped by the signal is no failure of concur-tui's.
	if (signalExitCode !== undefined) process.exit(signalExitCode);
	if (error instanceof UsageError) fail(error.message, exitCodes.usage);
	if (error instanceof ExportError) fail(error.message, exitCodes.exportFailed);
	if (error instanceof MachineLimitError) fail(error.message, exitCodes.machineLimit);
	fail(`internal error: ${error instanceof Error ? error.message : describeError(error)}`, exitCodes.internal);
}
