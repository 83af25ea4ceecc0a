import {monitorEventLoopDelay} from 'node:perf_hooks';
import {epochNow} from '../../measure/clock.js';
import {processCpuMs, threadCpuMs} from '../../measure/process-cpu.js';
import {monotonicNow, OwnPromise, setTimeout} from '../../util/own-globals.js';

export type WindowFigures = {
	readonly elapsedMs: number;
	/** CPU time of this host process, all its threads (workers, libuv pool) included. */
	readonly hostCpuMs: number;
	readonly loopLagMaxMs: number;
	readonly loopLagP99Ms: number;
	/** CPU time of this host's main (JS) thread alone, from /proc on Linux; null elsewhere. */
	readonly mainThreadCpuMs: number | null;
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
	private mainThreadCpu0: number | null = null;
	private readonly childCpu0 = new Map<number, number>();
	private begun = false;

	private readonly enabledAt = monotonicNow();

	/**
	 * The lag histogram runs from construction, not from begin(): it drops the first tick after
	 * enable() or reset(), which would lose a loop blocked from the first task on.
	 */
	constructor() {
		this.lag.enable();
	}

	/** Opens the window once the histogram has ticked (outside the measured window). */
	async begin(): Promise<number> {
		const wait = this.enabledAt + 2 * lagResolutionMs - monotonicNow();
		if (wait > 0) {
			await new OwnPromise((resolve) => {
				setTimeout(resolve, wait);
			});
		}

		this.t0 = epochNow();
		this.cpu0 = cpuMsNow();
		this.mainThreadCpu0 = threadCpuMs(process.pid);
		this.begun = true;
		return this.t0;
	}

	/** Child processes whose CPU counts for this engine (read live from /proc on Linux). */
	trackChildren(pids: readonly number[]): void {
		for (const pid of pids) this.childCpu0.set(pid, processCpuMs(pid) ?? 0);
	}

	/** CPU ms since begin(), host and tracked children; undefined before begin(). */
	cpuSoFarMs(): number | undefined {
		if (!this.begun) return undefined;
		let children = 0;
		for (const [pid, start] of this.childCpu0) children += (processCpuMs(pid) ?? start) - start;
		return cpuMsNow() - this.cpu0 + children;
	}

	/** Stops the clocks, then lets one timer turn pass so a loop blocked until now records its lag. */
	async end(): Promise<WindowFigures> {
		const elapsedMs = epochNow() - this.t0;
		const hostCpuMs = cpuMsNow() - this.cpu0;
		const mainThreadNow = threadCpuMs(process.pid);
		const mainThreadCpuMs = mainThreadNow === null || this.mainThreadCpu0 === null ? null : mainThreadNow - this.mainThreadCpu0;
		await new OwnPromise((resolve) => {
			setTimeout(resolve, 0);
		});
		this.lag.disable();
		const max = this.lag.count > 0 ? this.lag.max / 1e6 : 0;
		const p99 = this.lag.count > 0 ? this.lag.percentile(99) / 1e6 : 0;
		// Each sample is the whole interval between two ticks: lag is what exceeds the resolution.
		return {
			elapsedMs,
			hostCpuMs,
			loopLagMaxMs: Math.max(0, max - lagResolutionMs),
			loopLagP99Ms: Math.max(0, p99 - lagResolutionMs),
			mainThreadCpuMs,
		};
	}
}
