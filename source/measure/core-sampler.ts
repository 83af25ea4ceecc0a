import {readFileSync} from 'node:fs';
import {cpus} from 'node:os';
import {coreSampleIntervalMs} from '../model/sampling.js';

type CoreTimes = {readonly busy: number; readonly total: number};

/** Cumulative busy and total time of every core: /proc/stat on Linux, os.cpus() elsewhere. */
export function readCoreTimes(): CoreTimes[] {
	if (process.platform === 'linux') {
		try {
			return parseProcStat(readFileSync('/proc/stat', 'latin1'));
		} catch {
			// No /proc here after all (a container may hide it): os.cpus() tells the same.
		}
	}

	return cpus().map(({times}) => {
		const total = times.user + times.nice + times.sys + times.idle + times.irq;
		return {busy: total - times.idle, total};
	});
}

export function parseProcStat(stat: string): CoreTimes[] {
	const cores: CoreTimes[] = [];
	for (const line of stat.split('\n')) {
		if (!/^cpu\d/.test(line)) continue;
		// user nice system idle iowait irq softirq steal (guest time is already in user)
		const fields = line.split(/\s+/).slice(1, 9).map(Number);
		const total = fields.reduce((sum, value) => sum + value, 0);
		const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
		cores.push({busy: total - idle, total});
	}

	return cores;
}

/** Busy fraction (0..1) of each core between two readings. */
export function busyBetween(before: readonly CoreTimes[], after: readonly CoreTimes[]): number[] {
	return after.map((core, index) => {
		const previous = before[index];
		const total = core.total - (previous?.total ?? 0);
		return total > 0 ? Math.min(1, Math.max(0, (core.busy - (previous?.busy ?? 0)) / total)) : 0;
	});
}

/** Samples per-core utilisation every `intervalMs` while started. */
export class CoreSampler {
	private timer: NodeJS.Timeout | undefined;
	private last: CoreTimes[] = [];

	constructor(
		private readonly onSample: (busy: number[]) => void,
		readonly intervalMs = coreSampleIntervalMs,
	) {}

	start(): void {
		this.last = readCoreTimes();
		this.timer = setInterval(() => {
			this.sample();
		}, this.intervalMs).unref();
	}

	stop(): void {
		clearInterval(this.timer);
		this.timer = undefined;
	}

	private sample(): void {
		const now = readCoreTimes();
		this.onSample(busyBetween(this.last, now));
		this.last = now;
	}
}
