// The delay server of `-w net`: a process of its own (never inside a measured engine), bound to
// 127.0.0.1 on a port the OS picks (or CONCUR_TUI_NET_PORT). It answers
// GET /<engine>/<round>/delay/<ms>/<bytes>?task=<id> after <ms> with <bytes> bytes, and keeps
// when each request arrived and left, which concur-tui takes per engine and round over IPC.
import {createServer} from 'node:http';
import {epochNow} from '../measure/clock.js';
import {delayLimits, type DelayServerReply, type DelayServerRequest, type ServedRequest} from './served.js';

const served = new Map<string, ServedRequest[]>();
const route = /^\/(\w+\/\d+)\/delay\/(\d+(?:\.\d+)?)\/(\d+)\?task=(\d+)$/;
let filler = Buffer.alloc(0);

function reply(message: DelayServerReply): void {
	process.send?.(message);
}

/** A connection opened before the tasks (workloads/net.ts's openConnections): answered at once, not served. */
const opening = /^\/\w+\/\d+\/open$/;

const server = createServer((request, response) => {
	if (opening.test(request.url ?? '')) {
		response.writeHead(204).end();
		return;
	}

	const arrivedAt = epochNow();
	const match = route.exec(request.url ?? '');
	const ms = Number(match?.[2]);
	const bytes = Number(match?.[3]);
	if (!match || ms > delayLimits.ms || bytes > delayLimits.bytes) {
		response.writeHead(404, {'content-length': 0}).end();
		return;
	}

	const timer = setTimeout(() => {
		if (filler.length < bytes) filler = Buffer.alloc(bytes, 'x');
		const departedAt = epochNow();
		response.writeHead(200, {'content-length': bytes, 'x-arrived': String(arrivedAt), 'x-departed': String(departedAt)});
		response.end(filler.subarray(0, bytes));
		const key = match[1]!;
		let list = served.get(key);
		if (!list) {
			list = [];
			served.set(key, list);
		}

		list.push({task: Number(match[4]), sentAt: Number(request.headers['x-sent'] ?? Number.NaN), arrivedAt, departedAt, bytes});
	}, ms);
	// A client gone before its answer (a task aborted) is not served.
	response.on('close', () => {
		clearTimeout(timer);
	});
});

server.on('error', (error: NodeJS.ErrnoException) => {
	reply({type: 'failed', error: error.code === 'EADDRINUSE' ? 'the port is in use' : error.code === 'EACCES' ? 'not allowed to use the port' : error.message});
	process.exit(1);
});
server.listen({host: '127.0.0.1', port: Number(process.env.CONCUR_TUI_NET_PORT ?? 0)}, () => {
	const address = server.address();
	reply({type: 'listening', port: typeof address === 'object' && address ? address.port : 0});
});

process.on('message', (message: DelayServerRequest) => {
	if (message.type === 'take') {
		reply({type: 'served', key: message.key, requests: served.get(message.key) ?? []});
		served.delete(message.key);
	}
});
// Never outlives concur-tui: its channel closing is the end.
process.on('disconnect', () => {
	process.exit(0);
});
