import {Agent, request} from 'node:http';
import {epochNow} from '../measure/clock.js';
import {watchWait} from './sleep.js';
import type {TaskContext} from './task-function.js';

/** Bytes of each answer: a small JSON document's worth. */
export const netResponseBytes = 1024;

/** The most connections a unit opens before its tasks (and keeps open between requests). */
const openConnectionsMax = 1024;

/**
 * One keep-alive agent per unit (a thread or a process; the async engine's loop): connections
 * are reused from task to task, as a service's client would. No cap on sockets, so async may
 * have every request in flight at once; up to openConnectionsMax stay open between requests.
 */
const agent = new Agent({keepAlive: true, maxFreeSockets: openConnectionsMax});

/**
 * Opens `count` connections to the delay server before the tasks (a request each, answered at
 * once and never counted as served), kept in the agent for the tasks to use, as a service's
 * client keeps its connections. Resolves with the time it took, in ms; a connection that fails
 * is left to the task that needs it (it fails there, recorded).
 */
export async function openConnections(base: string, count: number): Promise<number> {
	const started = performance.now();
	await Promise.allSettled(
		Array.from(
			{length: Math.min(count, openConnectionsMax)},
			async () =>
				new Promise<void>((resolve, reject) => {
					const outgoing = request(`${base}/open`, {agent}, (response) => {
						response.resume();
						response.on('end', resolve);
						response.on('error', reject);
					});
					outgoing.on('error', reject);
					outgoing.end();
				}),
		),
	);
	return performance.now() - started;
}

/**
 * A real HTTP request to the run's delay server, answered after `ms` with `bytes` bytes. The
 * address is the literal 127.0.0.1 (`localhost` would go through dns.lookup on libuv's thread
 * pool). Progress follows the expected delay; the answer ends the task.
 */
export async function delayedRequest(base: string, ms: number, bytes: number, task: number, context: TaskContext): Promise<void> {
	context.signal.throwIfAborted();
	await new Promise<void>((resolve, reject) => {
		const fail = (error: unknown) => {
			stop();
			reject(error instanceof Error ? error : new Error(String(error)));
		};

		const outgoing = request(`${base}/delay/${ms}/${bytes}?task=${task}`, {agent, headers: {'x-sent': String(epochNow())}}, (response) => {
			if (response.statusCode !== 200) {
				response.resume();
				fail(new Error(`the delay server answered ${response.statusCode}`));
				return;
			}

			let received = 0;
			response.on('data', (chunk: Buffer) => {
				received += chunk.length;
			});
			response.on('end', () => {
				if (received !== bytes) {
					fail(new Error(`the delay server sent ${received} of ${bytes} bytes`));
					return;
				}

				stop();
				context.progress(1);
				resolve();
			});
			response.on('error', fail);
		});
		const stop = watchWait(ms, context, (reason) => {
			outgoing.destroy();
			reject(reason instanceof Error ? reason : new Error(String(reason)));
		}, 0, 1, 0.99);
		outgoing.on('error', fail);
		outgoing.end();
	});
}
