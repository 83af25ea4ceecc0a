import xtermHeadless from '@xterm/headless';
import pty from 'node-pty';
import {cliPath, userEnv} from './run-cli.js';

const {Terminal} = xtermHeadless;

export type PtyExit = {readonly exitCode: number; readonly signal?: number};

/** concur-tui in a real pseudo-terminal, read through a headless xterm as a person would see it. */
export class PtyScreen {
	readonly exited: Promise<PtyExit>;
	private readonly terminal: InstanceType<typeof Terminal>;
	private readonly process: pty.IPty;
	private pending = Promise.resolve();
	/** Bytes concur-tui wrote to the terminal. */
	bytes = 0;

	/** Everything concur-tui wrote, escape sequences included. */
	raw = '';

	constructor(
		args: readonly string[],
		size: {cols: number; rows: number},
		options: {shellCommand?: string; env?: Record<string, string>; cwd?: string} = {},
	) {
		this.terminal = new Terminal({cols: size.cols, rows: size.rows, allowProposedApi: true, scrollback: 1000});
		const env = {...userEnv({TERM: 'xterm-256color'}), ...options.env};
		this.process = options.shellCommand
			? pty.spawn('/bin/sh', ['-c', options.shellCommand], {cols: size.cols, rows: size.rows, env, cwd: options.cwd})
			: pty.spawn(process.execPath, [cliPath, ...args], {cols: size.cols, rows: size.rows, env, cwd: options.cwd});
		this.process.onData((data) => {
			this.bytes += Buffer.byteLength(data);
			this.raw += data;
			this.pending = this.pending.then(async () => new Promise<void>((resolve) => this.terminal.write(data, resolve)));
		});
		this.exited = new Promise((resolve) => {
			this.process.onExit(resolve);
		});
	}

	get pid(): number {
		return this.process.pid;
	}

	/** The visible screen, one string per row. */
	lines(): string[] {
		const buffer = this.terminal.buffer.active;
		return Array.from({length: this.terminal.rows}, (_, row) => buffer.getLine(buffer.viewportY + row)?.translateToString(true) ?? '');
	}

	text(): string {
		return this.lines().join('\n');
	}

	/** Rows that scrolled off the top: a frame taller than the terminal would push lines there. */
	scrolledOff(): number {
		return this.terminal.buffer.active.baseY;
	}

	cursorHidden(): boolean {
		// xterm tracks DECTCEM in its core; hidden while Ink draws.
		return (this.terminal as unknown as {_core: {coreService: {isCursorHidden: boolean}}})._core.coreService.isCursorHidden;
	}

	write(keys: string): void {
		this.process.write(keys);
	}

	resize(cols: number, rows: number): void {
		this.process.resize(cols, rows);
		this.terminal.resize(cols, rows);
	}

	kill(signal = 'SIGKILL'): void {
		try {
			this.process.kill(signal);
		} catch {
			// Already gone.
		}
	}

	async settle(): Promise<void> {
		await this.pending;
	}

	/**
	 * Whether a frame has begun and not yet ended (Ink wraps each in a synchronized update, DEC mode
	 * 2026): on a busy machine a frame arrives in several chunks, and the screen between them is
	 * half old, half new, as no terminal that honours the mode would show it.
	 */
	private midFrame(): boolean {
		return this.raw.lastIndexOf('\u001B[?2026h') > this.raw.lastIndexOf('\u001B[?2026l');
	}

	async waitFor(predicate: (text: string) => boolean, timeoutMs = 15_000): Promise<string> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			// Each look waits for the terminal to catch up with what arrived, and for a whole frame.
			// eslint-disable-next-line no-await-in-loop
			await this.settle();
			const text = this.text();
			if (!this.midFrame() && predicate(text)) return text;
			if (Date.now() > deadline) throw new Error(`timed out waiting for the screen; it shows:\n${text}`);
			// eslint-disable-next-line no-await-in-loop
			await new Promise((resolve) => setTimeout(resolve, 50));
		}
	}
}
