import type {Instance} from 'ink';

/**
 * An Ink screen that can be suspended as any terminal program is (Ctrl+Z, or SIGTSTP from a shell
 * or `kill`): the terminal is given back as it was (Ink's unmount restores cursor, echo and
 * canonical mode), then the process stops; whatever it measures goes on. On SIGCONT (`fg`) a new
 * Ink draws the whole screen afresh, with keys on again.
 */
export class SuspendableScreen {
	private instance: Instance;
	private suspended: {readonly resumed: Promise<void>; readonly resume: () => void} | undefined;
	private readonly onContinue = () => {
		const waiting = this.suspended;
		if (!waiting) return;
		this.suspended = undefined;
		process.stdout.write('\u001B[2J\u001B[H');
		this.instance = this.mount();
		waiting.resume();
	};

	constructor(private readonly mount: () => Instance) {
		this.instance = mount();
		process.on('SIGTSTP', this.suspend);
		process.on('SIGCONT', this.onContinue);
	}

	/** Gives the terminal back and stops this process until SIGCONT. Only where stdout is a terminal. */
	readonly suspend = (): void => {
		if (this.suspended || !process.stdout.isTTY) return;
		let resume = () => {};
		const resumed = new Promise<void>((resolve) => {
			resume = resolve;
		});
		this.suspended = {resumed, resume};
		this.instance.unmount();
		process.kill(process.pid, 'SIGSTOP');
	};

	unmount(): void {
		this.instance.unmount();
	}

	/** Resolves when the screen has closed for good (an unmount to suspend is no close); rejects as Ink's exit does. */
	async closed(): Promise<void> {
		for (;;) {
			// eslint-disable-next-line no-await-in-loop -- one screen after another
			await this.instance.waitUntilExit();
			const waiting = this.suspended;
			if (!waiting) return;
			// eslint-disable-next-line no-await-in-loop
			await waiting.resumed;
		}
	}

	/** Stops listening for SIGTSTP and SIGCONT. */
	dispose(): void {
		process.off('SIGTSTP', this.suspend);
		process.off('SIGCONT', this.onContinue);
	}
}
