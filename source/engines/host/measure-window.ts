import {monitorEventLoopDelay} from 'node:perf_hooks';
import {epochNow} from '../../measure/clock.js';

export type WindowFigures = {
	readonly t0: number;
	readonly elapsedMs: number;
	/** CPU time of this host process, all its threads (workers, libuv pool) included. */
	readonly hostCpuMs: number;
	readonly loopLagMaxMs: number;
	readonly loopLagP99Ms: number;
};

function cpuMsNow(): number {
	const usage = process.cpuUsage();
	return (usage.user + usage.system) / 1000;
}

const lagResolutionMs = 10;

/** The measured window of an engine's run: from its first task dispatch to its last task end. */
export class MeasureWindow {
	private readonly lag = monitorEventLoopDelay({resolution: lagResolutionMs});
	private t0 = 0;
	private cpu0 = 0;

	private readonly enabledAt = performance.now();

	/**
	 * The lag histogram runs from construction, not from begin(): it drops the first tick after
	 * enable() or reset(), which would lose a loop blocked from the first task on.
	 */
	constructor() {
		this.lag.enable();
	}

	/** Opens the window once the histogram has ticked (outside the measured window). */
	async begin(): Promise<number> {
		const wait = this.enabledAt + 2 * lagResolutionMs - performance.now();
		if (wait > 0) {
			await new Promise((resolve) => {
				setTimeout(resolve, wait);
			});
		}

		this.t0 = epochNow();
		this.cpu0 = cpuMsNow();
		return this.t0;
	}

	/** Stops the clocks, then lets one timer turn pass so a loop blocked until now records its lag. */
	async end(): Promise<WindowFigures> {
		const elapsedMs = epochNow() - this.t0;
		const hostCpuMs = cpuMsNow() - this.cpu0;
		await new Promise((resolve) => {
			setTimeout(resolve, 0);
		});
		this.lag.disable();
		const max = this.lag.count > 0 ? this.lag.max / 1e6 : 0;
		const p99 = this.lag.count > 0 ? this.lag.percentile(99) / 1e6 : 0;
		// Each sample is the whole interval between two ticks: lag is what exceeds the resolution.
		return {
			t0: this.t0,
			elapsedMs,
			hostCpuMs,
			loopLagMaxMs: Math.max(0, max - lagResolutionMs),
			loopLagP99Ms: Math.max(0, p99 - lagResolutionMs),
		};
	}
}
