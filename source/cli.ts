#!/usr/bin/env node
import {availableParallelism} from 'node:os';
import meow from 'meow';
import {RunBus} from './bus/run-bus.js';
import {isCiEnvironment} from './cli/ci-environment.js';
import {keepYoungGenerationSmall} from './cli/dashboard-heap.js';
import {exitCodeOf, exitCodes} from './cli/exit-code.js';
import {helpText} from './cli/help-text.js';
import {subscribeHeadlessReporters} from './cli/headless-reporters.js';
import {flagDefinitions, resolveOptions, type CliOptions} from './cli/parse-flags.js';
import {machineInfo} from './measure/machine-info.js';
import {UsageError} from './util/usage-error.js';

function fail(message: string, code: number): never {
	process.stderr.write(`concur-tui: ${message}\n`);
	process.exit(code);
}

function parse(): CliOptions {
	const cli = meow(helpText, {importMeta: import.meta, flags: flagDefinitions, allowUnknownFlags: true});
	return resolveOptions(cli.flags, cli.input, availableParallelism());
}

const signalNumbers = {SIGHUP: 1, SIGINT: 2, SIGTERM: 15} as const;
const exitGraceMs = 800;

async function main(): Promise<void> {
	const options = parse();
	// Engines load lazily: --help and bad flags never pay for them.
	const {runEngines, stopAllHosts} = await import('./orchestrator/run-engines.js');
	// Interrupted: stop the engines, let the exports record the partial run (marked incomplete),
	// and exit as the signal would have; within 800 ms whatever happens.
	const interruption = new AbortController();
	let signalExitCode: number | undefined;
	// Listening for good (not once): Ink's signal-exit kills the process straight away when it
	// is a signal's last listener, before the partial run is exported. A second signal forces.
	for (const [signal, number] of Object.entries(signalNumbers)) {
		process.on(signal, () => {
			if (signalExitCode !== undefined) process.exit(signalExitCode);
			signalExitCode = 128 + number;
			interruption.abort();
			stopAllHosts();
			setTimeout(() => process.exit(128 + number), exitGraceMs).unref();
		});
	}

	const inTerminal = process.stdout.isTTY && !options.json;
	if (inTerminal && !isCiEnvironment()) {
		keepYoungGenerationSmall();
		const {runDashboard} = await import('./cli/run-dashboard.js');
		const code = await runDashboard(options, machineInfo(), interruption.signal);
		process.exitCode = signalExitCode ?? code;
		return;
	}

	if (inTerminal) {
		process.stderr.write('concur-tui: CI is set (Ink would draw only the last frame), so here is the report instead of the dashboard\n');
	}

	const bus = new RunBus();
	subscribeHeadlessReporters(bus, options, (text) => process.stdout.write(text));
	const result = await runEngines(options.config, bus, machineInfo(), interruption.signal);
	process.exitCode = signalExitCode ?? exitCodeOf(result);
}

try {
	await main();
} catch (error) {
	if (error instanceof UsageError) fail(error.message, exitCodes.usage);
	fail(`internal error: ${error instanceof Error ? error.message : String(error)}`, exitCodes.internal);
}
