import {fork, type ChildProcess} from 'node:child_process';
import type {DelayServerReply, DelayServerRequest, ServedRequest} from '../delay-server/served.js';
import {distFile} from '../util/dist-file.js';
import {UsageError} from '../util/usage-error.js';
import {guardHost, hasProcessGroups, killHostGroup, releaseHost} from './reaper.js';

/** Starting takes a few tens of ms; past this, the server will not come. */
const startLimitMs = 10_000;
/** What it served for one engine comes back within ms; past this, it is not waited for. */
const takeLimitMs = 2000;

/** Servers alive now, so an exit of concur-tui can take them down. */
const liveServers = new Set<DelayServer>();

export function stopAllDelayServers(): void {
	for (const server of liveServers) server.stop();
}

/**
 * The delay server of `-w net`, seen from the UI process: forked in its own process group (the
 * reaper kills it if concur-tui dies), a child of concur-tui and so never counted as other
 * programs' load, nor in any engine's tree.
 */
export class DelayServer {
	private constructor(
		private readonly child: ChildProcess,
		readonly port: number,
	) {
		liveServers.add(this);
	}

	/** Starts a server on 127.0.0.1 (`port` 0: one the OS picks); one it cannot bind is a UsageError. */
	static async start(port: number): Promise<DelayServer> {
		const child = fork(distFile('delay-server.js'), {
			stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
			detached: hasProcessGroups,
			env: {...process.env, CONCUR_TUI_NET_PORT: String(port)},
			serialization: 'json',
		});
		if (child.pid) guardHost(child.pid);
		child.on('error', () => undefined);
		const first = await new Promise<DelayServerReply | {type: 'gone'}>((resolve) => {
			const timer = setTimeout(() => resolve({type: 'gone'}), startLimitMs);
			child.once('message', (reply: DelayServerReply) => {
				clearTimeout(timer);
				resolve(reply);
			});
			child.once('exit', () => {
				clearTimeout(timer);
				resolve({type: 'gone'});
			});
		});
		if (first.type === 'listening') return new DelayServer(child, first.port);
		end(child);
		const where = `127.0.0.1:${port === 0 ? 'a free port' : port}`;
		throw new UsageError(`-w net: the delay server could not listen on ${where}: ${first.type === 'failed' ? first.error : 'it did not start'}`);
	}

	get pid(): number | undefined {
		return this.child.pid;
	}

	/** The base URL of one engine's round: tasks ask for `<base>/delay/<ms>/<bytes>?task=<id>`. */
	baseUrl(key: string): string {
		return `http://127.0.0.1:${this.port}/${key}`;
	}

	/** What the server answered for one engine's round, and forgets; empty when it is gone or does not answer within 2 s. */
	async take(key: string): Promise<readonly ServedRequest[]> {
		if (!this.child.connected) return [];
		return new Promise((resolve) => {
			const onMessage = (reply: DelayServerReply) => {
				if (reply.type !== 'served' || reply.key !== key) return;
				done(reply.requests);
			};

			const done = (requests: readonly ServedRequest[]) => {
				clearTimeout(timer);
				this.child.off('message', onMessage);
				this.child.off('exit', gone);
				resolve(requests);
			};

			const gone = () => done([]);
			const timer = setTimeout(gone, takeLimitMs);
			this.child.on('message', onMessage);
			this.child.once('exit', gone);
			const request: DelayServerRequest = {type: 'take', key};
			this.child.send(request, (error) => {
				if (error) gone();
			});
		});
	}

	stop(): void {
		liveServers.delete(this);
		end(this.child);
	}
}

function end(child: ChildProcess): void {
	if (child.pid) {
		killHostGroup(child.pid);
		releaseHost(child.pid);
	}

	if (child.connected) child.disconnect();
}
