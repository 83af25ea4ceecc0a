import type {RunResult} from '../model/result-types.js';
import {milliseconds} from '../result/format.js';
import {median} from '../result/round-stats.js';

/**
 * `-w net`: per engine, what the delay server answered and where each request's time went (its
 * way to the server, its time at the server: the delay asked for and however late a busy server
 * answered, the way back to the task's end), as medians. None for
 * another workload.
 */
export function netLines(result: RunResult): string[] {
	const engines = result.engines.filter((engine) => engine.net);
	if (engines.length === 0) return [];
	const width = Math.max(...engines.map((engine) => engine.engine.length));
	return [
		`Requests to the delay server on 127.0.0.1 (medians: to the server · at the server · back):`,
		...engines.map(({engine, net}) => {
			const {served, bytes, requests} = net!;
			const answered = `${served} of ${result.config.tasks} answered (${Math.round(bytes / 1024)} KB)`;
			if (requests.length === 0) return `  ${engine.padEnd(width)}  ${answered}`;
			const back = requests.flatMap((request) => (request.transferMs === null ? [] : [request.transferMs]));
			const times = [median(requests.map((request) => request.queueMs)), median(requests.map((request) => request.serviceMs))].map((ms) => milliseconds(Math.max(0, ms)));
			return `  ${engine.padEnd(width)}  ${answered} · ${times.join(' · ')} · ${back.length > 0 ? milliseconds(Math.max(0, median(back))) : '–'}`;
		}),
	];
}
