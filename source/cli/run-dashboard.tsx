import {render} from 'ink';
import type {MachineInfo, RunResult} from '../model/result-types.js';
import {App} from '../ui/app.js';
import {RenderGuard} from '../ui/render-guard.js';
import {applyColorPreference} from './color-level.js';
import {DashboardSession} from '../session/dashboard-session.js';
import {exitCodeOf, exitCodes} from './exit-code.js';
import type {CliOptions} from './parse-flags.js';
import {asciiStream} from './ascii-output.js';
import {framedStream} from './framed-output.js';
import {SuspendableScreen} from './suspendable-screen.js';

/** How long the final frame stays up before --exit quits: at least one frame at any --fps. */
const exitAfterResultMs = 500;

/** The dashboard itself failed (a bug in concur-tui): its engines are stopped, the terminal restored. */
class DashboardCrash extends Error {
	constructor(override readonly cause: Error) {
		super(`the dashboard failed to draw: ${cause.message}`);
	}
}

/**
 * Runs the live dashboard until the user quits (or, with --exit, until the run has ended). A
 * render error stops everything and rejects with a DashboardCrash once the terminal is restored.
 */
/** A run the tour shows in the dashboard: its result handed over, the keys off (the chapter's run is not to be changed), the dashboard gone once it ended. */
export type GuidedRun = {readonly onResult: (result: RunResult) => void; readonly keysOff: string};

export async function runDashboard(options: CliOptions, machine: MachineInfo, interruption?: AbortSignal, guided?: GuidedRun): Promise<number> {
	applyColorPreference();
	let code: number = exitCodes.ok;
	let unmount = () => {};
	const session = new DashboardSession(options.config, machine, {
		tracePath: options.tracePath,
		savePath: options.savePath,
		fps: options.fps,
		force: options.force,
		onRunEnd(result) {
			guided?.onResult(result);
			if (!options.exitWhenDone && !guided) return;
			code = exitCodeOf(result);
			setTimeout(() => {
				session.quit();
			}, exitAfterResultMs);
		},
		onQuit() {
			unmount();
		},
	});
	const interactive = Boolean(process.stdin.isTTY) && !guided;
	let crash: Error | undefined;
	const onRenderError = (error: Error) => {
		crash = error;
		session.quit();
	};

	const app = (
		<RenderGuard onError={onRenderError}>
			<App store={session.store} controls={session.controls} interactive={interactive} keysOff={guided?.keysOff} />
		</RenderGuard>
	);
	const stdout = framedStream(options.ascii ? asciiStream(process.stdout) : process.stdout);
	const mount = () =>
		render(app, {
			stdout,
			// The store publishes at --fps; Ink's throttle sits above it so it never merges two publishes.
			maxFps: options.fps * 2,
			incrementalRendering: true,
			exitOnCtrlC: false,
			patchConsole: false,
		});
	const screen = new SuspendableScreen(mount);
	unmount = () => {
		screen.unmount();
	};

	session.setSuspend(screen.suspend);

	// A signal quits as q does: Ink restores the terminal, the partial run is exported. Removed
	// when the dashboard ends: the tour starts one per run on the same signal.
	const quitOnAbort = () => {
		session.quit();
	};

	interruption?.addEventListener('abort', quitOnAbort, {once: true});

	// However Ink comes to exit with an error, the run must not outlive the screen.
	const exited = screen.closed();
	exited.catch(() => {
		session.quit();
	});

	try {
		// Resolves when the first run ends, or is aborted by quitting.
		await session.start();
	} catch (error) {
		// A task module that cannot be used: leave the screen clean, then report it.
		session.quit();
		throw error;
	}

	try {
		await exited;
	} catch (error) {
		crash ??= error instanceof Error ? error : new Error(String(error));
	} finally {
		interruption?.removeEventListener('abort', quitOnAbort);
		screen.dispose();
	}

	if (crash) {
		// The run cut short is still exported, marked incomplete, before concur-tui exits.
		await session.stopped();
		throw new DashboardCrash(crash);
	}

	// An export named by a flag that failed: its news was on screen, and the exit code says it.
	return session.exportFailed ? exitCodes.exportFailed : code;
}
