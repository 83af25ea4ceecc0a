import type {RunResult, ThreadRole} from '../model/result-types.js';
import {seconds} from '../result/format.js';
import {cpuByRole} from '../result/thread-roles.js';

const roleWords: Record<ThreadRole, (count: number) => string> = {
	js: (count) => `${count} JS`,
	libuv: (count) => `libuv's pool ${count}`,
	v8: (count) => `V8's ${count}`,
	other: (count) => `other ${count}`,
};

/**
 * Per engine, its OS threads by what they did and the CPU each kind used over the run ("async
 * 1 JS 0.02 s · libuv's pool 4 2.11 s · V8's 5 0.00 s · other 1 0.00 s"), and how they were told
 * apart. None where no thread could be read (not Linux, or a document saved before).
 */
export function threadLines(result: RunResult): string[] {
	const engines = result.engines.filter((engine) => engine.osThreads);
	if (engines.length === 0) return [];
	const width = Math.max(...engines.map((engine) => engine.engine.length));
	const ways = new Set(engines.map((engine) => engine.osThreads!.identifiedBy));
	const how = ways.size === 1 && ways.has('names') ? 'by the names Node gives them' : ways.size === 1 && ways.has('creation order') ? 'by the order Node starts them in' : 'by the names Node gives some and the order it starts them in';
	return [
		// A thread that ended before its engine (a pool's process) counts to its last reading.
		`OS threads of each engine, told apart ${how}, and their CPU in the run by its last reading (every 200 ms and at the end):`,
		...engines.map(({engine, osThreads}) => {
			const roles = cpuByRole(osThreads!.threads);
			const parts = (['js', 'libuv', 'v8', 'other'] as const).filter((role) => roles[role].threads > 0).map((role) => `${roleWords[role](roles[role].threads)} ${seconds(roles[role].cpuMs)}`);
			return `  ${engine.padEnd(width)}  ${parts.join(' · ')}`;
		}),
	];
}
