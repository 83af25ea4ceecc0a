import type {RunResult} from '../model/result-types.js';
import {megabytes, milliseconds} from '../result/format.js';
import {median} from '../result/round-stats.js';

/**
 * `-w net`: per engine, what the delay server answered and where each request's time went (out:
 * its way to the server; server: its time there, the delay asked for and however late a busy
 * server answered; back: the way back to the task's end), as medians. None for
 * another workload.
 */
export function netLines(result: RunResult): string[] {
	const engines = result.engines.filter((engine) => engine.net);
	if (engines.length === 0) return [];
	const width = Math.max(...engines.map((engine) => engine.engine.length));
	// Each median is named in its row (out, server, back): cut at the terminal's edge, a row keeps what it says.
	return [
		`Delay server on 127.0.0.1: requests answered/sent, and their medians:`,
		...engines.map(({engine, net}) => {
			const {served, bytes, requests} = net!;
			const answered = `${served}/${result.config.tasks} (${bytes < 1024 * 1024 ? `${Math.round(bytes / 1024)} KB` : megabytes(bytes)})`;
			if (requests.length === 0) return `  ${engine.padEnd(width)}  ${answered}`;
			const back = requests.flatMap((request) => (request.transferMs === null ? [] : [request.transferMs]));
			const [out, server] = [median(requests.map((request) => request.queueMs)), median(requests.map((request) => request.serviceMs))].map((ms) => milliseconds(Math.max(0, ms)));
			return `  ${engine.padEnd(width)}  ${answered} · out ${out} · server ${server} · back ${back.length > 0 ? milliseconds(Math.max(0, median(back))) : '–'}`;
		}),
	];
}
