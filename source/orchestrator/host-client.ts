import {spawn, type ChildProcess} from 'node:child_process';
import type {Socket} from 'node:net';
import type {HostWireEvent} from '../model/task-batches.js';
import type {WorkloadName} from '../model/run-config.js';
import type {EnginePlan} from '../engines/host/engine-plan.js';
import {encodeMessage, hostChannelFd, MessageLines, type HostReply, type HostRequest} from '../engines/host/host-protocol.js';
import type {Calibration, HostMeasurements} from '../model/result-types.js';
import {describeError} from '../util/describe-error.js';
import {distFile} from '../util/dist-file.js';
import {cpuListText} from '../util/cpu-list.js';
import {findExecutable} from '../util/find-executable.js';
import {MachineLimitError, UsageError} from '../util/usage-error.js';
import {safeText} from '../util/safe-text.js';
import {lastWords} from './last-words.js';
import {importLimitMs} from '../model/failure-texts.js';
import {guardHost, hasProcessGroups, killHostGroup, releaseHost} from './reaper.js';
import {HostContainment} from './host-containment.js';
import {fileLimitNamedIn, limitReached, machineLimits, pidsLimitReached} from '../measure/machine-limits.js';

const stderrKeep = 4000;
/** A host that died by itself may still have its last words (V8's report) in the stderr pipe. */
const lastWordsMs = 50;
/** Loading a task module and calibrating take well under a second; past this, something hangs. */
const prepareLimitMs = importLimitMs;
/** A running host's first message comes within ms; past the units' start bound and this margin, it never will. */
const firstWordMs = importLimitMs + 5000;

export type HostOptions = {
	/** --max-old-space-size of the host: the async engine's tasks share its one heap. */
	readonly heapLimitMb: number | null;
	/** --cpus: the CPUs the host and everything it starts are pinned to, or null for all. */
	readonly cpus?: readonly number[] | null;
	/** --uv-threads: UV_THREADPOOL_SIZE of the host and of every process it starts (its threads share the host's pool). */
	readonly uvThreads?: number | null;
};

/** Processes started by a task that concur-tui could not end (only where a cgroup holds them). */
export const escapedPids = new Set<number>();

/** One forked engine host, seen from the UI process. */
export class HostClient {
	private readonly child: ChildProcess;
	private readonly channel: Socket;
	private readonly containment = new HostContainment();
	/** What the machine's limits had refused or killed when this host started. */
	private readonly limitsAtStart = machineLimits();
	/** What the host said of its own uncaught error, over the channel (its stderr may be closed). */
	private hostLastWords: string | undefined;
	private stderrTail = '';
	private onReply: ((reply: HostReply) => void) | undefined;
	private onExit: ((reason: string) => void) | undefined;
	private exited = false;
	/** Why concur-tui stopped this host itself, when it did. */
	private stopReason: string | undefined;

	constructor(private readonly options: HostOptions = {heapLimitMb: null}) {
		// stdout is dropped so a task's console.log never mixes into concur-tui's own output. The
		// host leads its own process group, which the reaper kills whole if concur-tui dies.
		const nodeArgs = options.heapLimitMb === null ? [] : [`--max-old-space-size=${options.heapLimitMb}`];
		// Pinned, the host starts as `taskset -c LIST node …`: its affinity is set before its first
		// instruction, and every thread and process it starts inherits it (no thread escapes a
		// later `taskset -p`). taskset execs node in place: same pid, same IPC channel.
		const pinned = options.cpus ? findExecutable('taskset') : null;
		const launch = pinned && options.cpus ? [pinned, '-c', cpuListText(options.cpus), process.execPath, ...nodeArgs] : [process.execPath, ...nodeArgs];
		// fd 3 is the channel (host-protocol.ts): a socket both ways, read with our own framing.
		const [command, ...args] = launch;
		this.child = spawn(command!, [...args, distFile('host.js')], {
			stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
			detached: hasProcessGroups,
			env: {...process.env, ...this.containment.marker, ...(options.uvThreads ? {UV_THREADPOOL_SIZE: String(options.uvThreads)} : {})},
		});
		// Out of file descriptors, Node gives no pipes and says so on the next tick.
		const channel = this.child.stdio?.[hostChannelFd] as Socket | undefined;
		if (channel === undefined) {
			this.child.on('error', () => undefined);
			throw new MachineLimitError(`could not start an engine host: ${fileLimitNamedIn('EMFILE') ?? 'no pipe for its channel'}`);
		}

		this.channel = channel;
		if (this.child.pid) {
			// Its own cgroup where the machine allows: what leaves the process group is still found.
			this.containment.adopt(this.child.pid);
			guardHost(this.child.pid, this.containment.cgroup);
		}
		this.child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
			this.stderrTail = (this.stderrTail + chunk).slice(-stderrKeep);
		});
		const replies = new MessageLines<HostReply>((reply) => {
			if (reply.type === 'last-words') this.hostLastWords = reply.message;
			else this.onReply?.(reply);
		});
		this.channel.setEncoding('utf8').on('data', (chunk: string) => {
			replies.push(chunk);
		});
		// A host that dies closes its end; what is left to say comes from its exit.
		this.channel.on('error', () => undefined);
		this.child.on('exit', (code, signal) => {
			this.exited = true;
			// The group outlives its leader: processes a dead host forked (busy units) would run on
			// with parent pid 1 and hold its stderr pipe open. They go with it, then the reaper may
			// forget the group.
			this.killGroup();
			this.endEscaped();
			if (this.child.pid) releaseHost(this.child.pid, this.containment.cgroup);
			if (this.stopReason !== undefined) {
				this.endStderr();
				this.onExit?.(this.stopReason);
				return;
			}

			setTimeout(() => {
				this.endStderr();
				this.onExit?.(this.deathReason(code, signal));
			}, lastWordsMs);
		});
	}

	get pid(): number | undefined {
		return this.child.pid;
	}

	/**
	 * Calibrates the workload and checks a task module; a bad module is a UsageError, and so is
	 * one whose import has not settled within `limitMs` (a top-level await that never settles, an
	 * endless loop at import): the host is stopped.
	 */
	async prepare(workload: WorkloadName, modulePath: string | null, fsDir: string | null = null, limitMs = prepareLimitMs): Promise<Calibration> {
		let timer: NodeJS.Timeout | undefined;
		const prepared = this.request<Calibration>({type: 'prepare', workload, modulePath, fsDir}, (reply, resolve, reject) => {
			if (reply.type === 'prepared') resolve(reply.calibration);
			else if (reply.type === 'rejected') reject(new UsageError(safeText(reply.message)));
		}).catch((error: unknown) => {
			// The machine's process limit is no bug of concur-tui's nor of the module: said as such.
			const limit = pidsLimitReached(this.limitsAtStart);
			if (limit !== null && !(error instanceof UsageError)) throw new MachineLimitError(`could not start an engine host: ${limit}`);
			// A module that ends its process while it loads (process.exit at import) is bad input.
			if (modulePath === null || error instanceof UsageError || this.stopReason !== undefined) throw error;
			throw new UsageError(`task module ${modulePath} ended its process while loading: ${error instanceof Error ? error.message : describeError(error)}`);
		});
		const late = new Promise<never>((_, reject) => {
			timer = setTimeout(() => {
				// Only a user's module can be to blame; a built-in workload that hangs is concur-tui's bug.
				reject(
					modulePath === null
						? new Error(`calibrating the ${workload} workload did not finish within ${limitMs / 1000} s`)
						: new UsageError(`${modulePath}: its import did not finish within ${limitMs / 1000} s (a top-level await that never settles, or a loop that never ends?)`),
				);
				this.stop('gave up waiting for the task module');
			}, limitMs);
		});
		try {
			return await Promise.race([prepared, late]);
		} finally {
			clearTimeout(timer);
			// The loser of the race rejects later, unobserved.
			prepared.catch(() => undefined);
			late.catch(() => undefined);
		}
	}

	async run(plan: EnginePlan, onEvents: (events: HostWireEvent[]) => void): Promise<HostMeasurements> {
		// A host that never says a word (a Node that could not start its threads under a process
		// limit hangs at start-up) is given up once its units would have had their whole bound.
		const silent = setTimeout(() => {
			this.stop(this.withLimit(`the engine host sent nothing within ${firstWordMs / 1000} s of its start`));
		}, firstWordMs);
		try {
			return await this.request({type: 'run', plan}, (reply, resolve, reject) => {
				clearTimeout(silent);
				if (reply.type === 'events') onEvents(reply.events);
				else if (reply.type === 'done') resolve(reply.measurements);
				else if (reply.type === 'failed') reject(new Error(this.withLimit(reply.message)));
			});
		} finally {
			clearTimeout(silent);
		}
	}

	/** Ends the host (as `kill` does); a pending request fails with `reason`. */
	stop(reason: string): void {
		this.stopReason = reason;
		this.kill();
	}

	/** Ends the host and, with its process group, every process it started: busy ones too. */
	kill(): void {
		this.stopReason ??= 'engine host stopped';
		if (!this.exited) {
			this.killGroup();
			this.endEscaped();
		}
	}

	/** Processes a task started outside the host's group (detached, setsid, double-forked) go too. */
	private endEscaped(): void {
		for (const pid of this.containment.endAll()) escapedPids.add(pid);
	}

	private killGroup(): void {
		// Without process groups a pid may be reused once its process has exited.
		if (this.child.pid && (hasProcessGroups || !this.exited)) killHostGroup(this.child.pid);
	}

	/** A host's own failure ("EAGAIN") says so when the machine's process limit refused something meanwhile. */
	private withLimit(message: string): string {
		const limit = pidsLimitReached(this.limitsAtStart);
		return limit === null || message.includes(limit) ? message : `${message}: ${limit}`;
	}

	/** Nothing may keep concur-tui waiting on a dead host's pipes. */
	private endStderr(): void {
		this.child.stderr?.destroy();
		this.channel.destroy();
	}

	private deathReason(code: number | null, signal: NodeJS.Signals | null): string {
		if (this.stderrTail.includes('heap out of memory')) {
			const limit = this.options.heapLimitMb === null ? 'its heap limit' : `its heap limit (${this.options.heapLimitMb} MB)`;
			return `out of memory: the engine's process reached ${limit} and aborted`;
		}

		const how = signal ? `killed by ${signal}` : `exited with code ${code}`;
		// A machine's limit is named as such: Node aborts when it cannot start a thread or process.
		const limit = limitReached(this.limitsAtStart, signal);
		if (limit !== null) return `engine host ${how}: ${limit}`;
		// A process unit's channel to its host is Node's IPC, whose parser throws in the host.
		if (this.stderrTail.includes('parseChannelMessages')) {
			return `engine host ${how}: a task wrote text that is not a message to its process's IPC channel, and Node's parser of that channel threw`;
		}

		const detail = this.hostLastWords ?? lastWords(this.stderrTail);
		return `engine host ${how}${detail ? `: ${safeText(detail)}` : ''}`;
	}

	private async request<T>(
		request: HostRequest,
		handle: (reply: HostReply, resolve: (value: T) => void, reject: (error: Error) => void) => void,
	): Promise<T> {
		return new Promise<T>((resolve, reject) => {
			if (this.exited) {
				reject(new Error('engine host is not running'));
				return;
			}

			this.onReply = (reply) => {
				handle(reply, resolve, reject);
			};

			this.onExit = (reason) => {
				reject(new Error(reason));
			};

			this.channel.write(encodeMessage(request));
		});
	}
}
