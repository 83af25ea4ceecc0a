import type {HostWireEvent} from '../../model/task-batches.js';
import type {WorkloadName} from '../../model/run-config.js';
import type {Calibration, HostMeasurements} from '../../model/result-types.js';
import type {EnginePlan} from './engine-plan.js';

/** UI process -> host. */
export type HostRequest =
	| {readonly type: 'prepare'; readonly workload: WorkloadName; readonly modulePath: string | null; readonly fsDir: string | null}
	| {readonly type: 'run'; readonly plan: EnginePlan};

/** Host -> UI process. Event times are epoch ms. */
export type HostReply =
	| {readonly type: 'prepared'; readonly calibration: Calibration}
	| {readonly type: 'rejected'; readonly message: string}
	| {readonly type: 'events'; readonly events: HostWireEvent[]}
	| {readonly type: 'done'; readonly measurements: HostMeasurements}
	| {readonly type: 'failed'; readonly message: string}
	/** The host's uncaught error, said as it dies: its stderr may be closed or flooded by a task. */
	| {readonly type: 'last-words'; readonly message: string};

/**
 * Every message between concur-tui and a host carries this tag, first. A task module on the async
 * engine (and every thread of a threads host) runs in the host's process and can reach its
 * channel: whatever it sends itself has no tag, and is never taken for the host's reply.
 */
const hostMessageTag = '__concur_tui_host__';

type Tagged<T> = T & {readonly [hostMessageTag]: true};

function tagged<T extends object>(message: T): Tagged<T> {
	return {[hostMessageTag]: true, ...message};
}

function isTagged(message: unknown): boolean {
	return typeof message === 'object' && message !== null && (message as Record<string, unknown>)[hostMessageTag] === true;
}

/**
 * The channel between concur-tui and a host is a socket on the host's fd 3 (not Node's IPC, whose
 * parser throws in concur-tui's own process when a task writes anything else to that fd): one
 * tagged JSON message a line. A line is read from its last tag on, so text a task wrote without
 * a newline before a message does not take the message with it.
 */
export const hostChannelFd = 3;
const messageStart = `{"${hostMessageTag}":true`;

export function encodeMessage(message: object): string {
	return `${JSON.stringify(tagged(message))}\n`;
}

/** More than this without a newline is nobody's message: dropped, so a task cannot grow concur-tui's memory. */
const longestLine = 256 * 1024 * 1024;

/** Splits what arrives on a channel into tagged messages; anything else is counted and dropped. */
export class MessageLines<T> {
	private pending = '';
	/** Lines that held no message of ours (a task's own writes). */
	dropped = 0;

	constructor(private readonly onMessage: (message: T) => void) {}

	push(chunk: string): void {
		const lines = (this.pending + chunk).split('\n');
		this.pending = lines.pop() ?? '';
		if (this.pending.length > longestLine) {
			this.pending = '';
			this.dropped++;
		}

		for (const line of lines) this.read(line);
	}

	private read(line: string): void {
		const start = line.lastIndexOf(messageStart);
		if (start === -1) {
			if (line !== '') this.dropped++;
			return;
		}

		let message: unknown;
		try {
			message = JSON.parse(line.slice(start));
		} catch {
			this.dropped++;
			return;
		}

		if (isTagged(message)) this.onMessage(message as T);
		else this.dropped++;
	}
}
