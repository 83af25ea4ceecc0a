/**
 * The terminal's keys for the guided tour, read from its start to its end with the terminal raw
 * (no echo): a key reaches a prompt only if pressed while that prompt waits. Keys pressed during a
 * chapter's run are dropped, not taken by the next prompt (an n pressed mid-run skipped the grade)
 * nor echoed into the dashboard's frame; Ctrl+C stops the tour as it would in a cooked terminal.
 */
export class TourKeys {
	#waiting: ((key: string) => void) | null = null;
	readonly #onData = (data: Buffer) => {
		const key = data.toString('utf8');
		const waiting = this.#waiting;
		if (waiting) {
			this.#waiting = null;
			waiting(key);
			return;
		}

		if (key === '\u0003') process.kill(process.pid, 'SIGINT');
	};

	start(): void {
		process.stdin.setRawMode(true);
		process.stdin.on('data', this.#onData);
		process.stdin.resume();
	}

	/** The next key pressed from now on. */
	async next(): Promise<string> {
		process.stdin.resume();
		return new Promise((resolve) => {
			this.#waiting = resolve;
		});
	}

	stop(): void {
		process.stdin.off('data', this.#onData);
		this.#waiting = null;
		if (process.stdin.isTTY) process.stdin.setRawMode(false);
		process.stdin.pause();
	}
}
