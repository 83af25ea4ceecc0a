import {render} from 'ink';
import type {MachineInfo} from '../result/result-types.js';
import {App} from '../ui/app.js';
import {applyColorPreference} from './color-level.js';
import {DashboardSession} from './dashboard-session.js';
import {exitCodeOf, exitCodes} from './exit-code.js';
import type {CliOptions} from './parse-flags.js';

/** How long the final frame stays up before --exit quits: at least one frame at any --fps. */
const exitAfterResultMs = 500;

/** Runs the live dashboard until the user quits (or, with --exit, until the run has ended). */
export async function runDashboard(options: CliOptions, machine: MachineInfo): Promise<number> {
	applyColorPreference();
	let code: number = exitCodes.ok;
	let unmount = () => {};
	const session = new DashboardSession(options.config, machine, {
		tracePath: options.tracePath,
		savePath: options.savePath,
		fps: options.fps,
		onRunEnd(result) {
			if (!options.exitWhenDone) return;
			code = exitCodeOf(result);
			setTimeout(() => {
				session.quit();
			}, exitAfterResultMs);
		},
		onQuit() {
			unmount();
		},
	});
	const interactive = Boolean(process.stdin.isTTY);
	const instance = render(<App store={session.store} controls={session.controls} interactive={interactive} />, {
		// The store publishes at --fps; Ink's throttle sits above it so it never merges two publishes.
		maxFps: options.fps * 2,
		incrementalRendering: true,
		exitOnCtrlC: false,
		patchConsole: false,
	});
	unmount = () => {
		instance.unmount();
	};

	try {
		// Resolves when the first run ends, or is aborted by quitting.
		await session.start();
	} catch (error) {
		// A task module that cannot be used: leave the screen clean, then report it.
		session.quit();
		throw error;
	}

	await instance.waitUntilExit();
	return code;
}
