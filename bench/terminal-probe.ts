import pty from 'node-pty';
import {processCpuMs} from '../source/measure/process-cpu.js';

/** CPU ms a process has used so far (Linux /proc; the benchmark needs it). */
function cpuMsOf(pid: number): number {
	const ms = processCpuMs(pid);
	if (ms === null) throw new Error(`no CPU figures for pid ${pid}: the benchmark reads Linux's /proc`);
	return ms;
}

/** A terminal program in a pseudo-terminal, with what it writes counted: bytes and frames. */
export class TerminalProbe {
	bytes = 0;
	frames = 0;
	text = '';
	firstFrameMs: number | undefined;
	readonly exited: Promise<number>;
	private readonly process: pty.IPty;
	private lastWrite = 0;
	private readonly started = performance.now();

	constructor(command: string, args: readonly string[], size: {cols: number; rows: number}, readyMarker?: string) {
		const env: Record<string, string> = {};
		for (const [key, value] of Object.entries(process.env)) {
			if (value !== undefined && key !== 'CI' && !key.startsWith('CI_')) env[key] = value;
		}

		this.process = pty.spawn(command, [...args], {cols: size.cols, rows: size.rows, env: {...env, TERM: 'xterm-256color'}});
		this.process.onData((data) => {
			const now = performance.now();
			this.bytes += Buffer.byteLength(data);
			// A frame is one burst of writes; a pty may split one write in several reads.
			if (now - this.lastWrite > 8) this.frames++;
			this.lastWrite = now;
			this.text = (this.text + data).slice(-50_000);
			if (this.firstFrameMs === undefined && readyMarker && this.text.includes(readyMarker)) this.firstFrameMs = now - this.started;
		});
		this.exited = new Promise((resolve) => {
			this.process.onExit(({exitCode}) => {
				resolve(exitCode);
			});
		});
	}

	get pid(): number {
		return this.process.pid;
	}

	write(keys: string): void {
		this.process.write(keys);
	}

	kill(): void {
		try {
			this.process.kill('SIGKILL');
		} catch {
			// Already gone.
		}
	}

	/** CPU (% of one core), bytes per second and frames per second over the next `ms`. */
	async measure(ms: number): Promise<{cpuPercent: number; kbPerSecond: number; framesPerSecond: number}> {
		const cpu0 = cpuMsOf(this.pid);
		const bytes0 = this.bytes;
		const frames0 = this.frames;
		const start = performance.now();
		await new Promise((resolve) => setTimeout(resolve, ms));
		const elapsed = performance.now() - start;
		return {
			cpuPercent: ((cpuMsOf(this.pid) - cpu0) / elapsed) * 100,
			kbPerSecond: (this.bytes - bytes0) / elapsed,
			framesPerSecond: ((this.frames - frames0) / elapsed) * 1000,
		};
	}

	async waitFor(marker: string, timeoutMs: number): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		while (!this.text.includes(marker)) {
			if (Date.now() > deadline) throw new Error(`no "${marker}" within ${timeoutMs} ms`);
			// Polling the screen text as it arrives.
			// eslint-disable-next-line no-await-in-loop
			await new Promise((resolve) => setTimeout(resolve, 50));
		}
	}
}
