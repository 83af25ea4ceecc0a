// The hidden threads, measured: each engine's OS threads from /proc/<pid>/task, what each did (JS,
// libuv's pool, V8's helpers) and the CPU it used. Async's parallelism above 1 on one JS thread is
// libuv's pool at work; one libuv thread (--uv-threads 1) brings it to about 1. Runs on Node 22
// and 24 too (scripts/test-other-nodes.sh), where Node names its threads: there the order rule
// Node 20 needs is checked against those names.
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {EngineResult, RunResult} from '../source/model/result-types.js';
import {parseThreadCpu} from '../source/measure/os-threads.js';
import {libuvPoolSize} from '../source/measure/libuv-pool.js';
import {engineThreads} from '../source/result/thread-roles.js';
import {expectUnlessSkewed} from './helpers/busy-machine.js';
import {PtyScreen} from './helpers/pty-screen.js';
import {engineOf, runJson} from './helpers/run-cli.js';

const folder = mkdtempSync(join(tmpdir(), 'concur-threads-'));
afterAll(() => {
	rmSync(folder, {recursive: true, force: true});
});

/** CPU ms and count of one role's threads, summed here from the JSON. */
function role(engine: EngineResult, name: string): {threads: number; cpuMs: number} {
	const threads = engine.osThreads!.threads.filter((thread) => thread.role === name);
	return {threads: threads.length, cpuMs: threads.reduce((sum, thread) => sum + thread.cpuMs, 0)};
}

const linux = process.platform === 'linux';

describe('reading and telling threads apart', () => {
	it('reads a thread\'s name and CPU from its stat, a name with spaces and parentheses included', () => {
		const stat = '4242 (odd ) name) S 1 2 3 4 5 6 7 8 9 10 150 25 0 0 20 0 11 0 777 0';
		expect(parseThreadCpu(4240, 4242, stat)).toEqual({pid: 4240, tid: 4242, name: 'odd ) name', cpuMs: 1750});
		expect(parseThreadCpu(1, 1, 'garbage')).toBeNull();
	});

	it('knows libuv\'s pool size as libuv reads UV_THREADPOOL_SIZE', () => {
		expect(libuvPoolSize({})).toBe(4);
		expect(libuvPoolSize({UV_THREADPOOL_SIZE: '1'})).toBe(1);
		expect(libuvPoolSize({UV_THREADPOOL_SIZE: '16x'})).toBe(16);
		expect(libuvPoolSize({UV_THREADPOOL_SIZE: '0'})).toBe(1);
		expect(libuvPoolSize({UV_THREADPOOL_SIZE: 'many'})).toBe(1);
		expect(libuvPoolSize({UV_THREADPOOL_SIZE: '5000'})).toBe(1024);
	});

	it('gives roles by Node\'s names where it names threads, else by the order Node 20 starts them in', () => {
		// Node 24's threads of a host with one worker thread (tid 111), as /proc lists them.
		const names = ['MainThread', 'DelayedTaskSche', 'V8Worker', 'V8Worker', 'V8Worker', 'V8Worker', 'SignalInspector', 'libuv-worker', 'libuv-worker', 'libuv-worker', 'libuv-worker', 'WorkerThread'];
		const threads = names.map((name, index) => ({pid: 100, tid: 100 + index, name, cpuMs: index}));
		const byNames = engineThreads(threads, new Set([111]), 4);
		expect(byNames.identifiedBy).toBe('names');
		expect(byNames.threads.map((thread) => thread.role)).toEqual(['js', 'v8', 'v8', 'v8', 'v8', 'v8', 'other', 'libuv', 'libuv', 'libuv', 'libuv', 'js']);
		const byOrder = engineThreads(threads.map((thread) => ({...thread, name: 'node'})), new Set([111]), 4);
		expect(byOrder.identifiedBy).toBe('creation order');
		expect(byOrder.threads.map((thread) => thread.role)).toEqual(byNames.threads.map((thread) => thread.role));
		// Node 22 names only the scheduler and libuv's threads: the names where given, the order for the rest.
		const node22 = engineThreads(threads.map((thread) => (thread.name === 'DelayedTaskSche' || thread.name === 'libuv-worker' ? thread : {...thread, name: 'node'})), new Set([111]), 4);
		expect(node22.identifiedBy).toBe('names and creation order');
		expect(node22.threads.map((thread) => thread.role)).toEqual(byNames.threads.map((thread) => thread.role));
	});
});

describe.runIf(linux)('each engine\'s threads in a real run', () => {
	let hash: RunResult;
	let oneLibuvThread: RunResult;
	beforeAll(async () => {
		const first = await runJson(['-w', 'hash', '-n', '8', '--task-ms', '200', '--trace', join(folder, 'hash.trace.json')]);
		expect(first.run.code, first.run.stderr).toBe(0);
		hash = first.result;
		const second = await runJson(['-w', 'hash', '-n', '8', '--task-ms', '200', '--uv-threads', '1']);
		expect(second.run.code, second.run.stderr).toBe(0);
		oneLibuvThread = second.result;
	}, 120_000);

	it('lists every process\'s threads with a role each: one JS main thread, V8\'s 5, libuv\'s pool as large as in force', () => {
		for (const engine of hash.engines) {
			const {osThreads} = engine;
			expect(osThreads, engine.engine).toBeTruthy();
			expect(osThreads!.uvThreads).toBe(4);
			// Node 24 names every thread, Node 22 only some (libuv's, the delayed-task scheduler), Node 20 none.
			const major = Number(process.versions.node.split('.')[0]);
			expect(osThreads!.identifiedBy).toBe(major >= 24 ? 'names' : major >= 22 ? 'names and creation order' : 'creation order');
			const processes = new Set(osThreads!.threads.map((thread) => thread.pid));
			// The host, and on processes each pool process: every one hashed, so each started its pool.
			expect(processes.size).toBe(engine.engine === 'processes' ? 1 + engine.lanes.length : 1);
			expect(role(engine, 'v8').threads).toBe(5 * processes.size);
			// Each process that hashed has a pool of its own, of the size in force; worker threads share their process's.
			const hashed = engine.engine === 'processes' ? engine.lanes.map((lane) => lane.pid) : [engine.hostPid!];
			for (const pid of hashed) expect(osThreads!.threads.filter((thread) => thread.pid === pid && thread.role === 'libuv').length, `${engine.engine} pid ${pid}`).toBe(4);
			// JS threads: each process's main thread, and the worker threads that ran tasks.
			expect(role(engine, 'js').threads).toBe(processes.size + (engine.engine === 'threads' ? engine.lanes.length : 0));
		}

		expect(oneLibuvThread.engines.every((engine) => engine.osThreads!.uvThreads === 1)).toBe(true);
		expect(role(engineOf(oneLibuvThread, 'async'), 'libuv').threads).toBe(1);
	});

	it('on Node 22 and later, the order rule Node 20 needs gives each named thread the role its name says', () => {
		for (const engine of [...hash.engines, ...oneLibuvThread.engines]) {
			const {osThreads} = engine;
			if (osThreads!.identifiedBy === 'creation order') continue;
			const jsTids = new Set([...engine.lanes.map((lane) => lane.tid), ...engine.tasks.map((task) => task.tid)].filter((tid): tid is number => tid !== null));
			const byOrder = engineThreads(osThreads!.threads.map(({role: _role, ...thread}) => ({...thread, name: 'node'})), jsTids, osThreads!.uvThreads);
			expect(byOrder.threads.map((thread) => `${thread.tid} ${thread.role}`), engine.engine).toEqual(osThreads!.threads.map((thread) => `${thread.tid} ${thread.role}`));
		}
	});

	it('hashing on async: libuv\'s pool did most of the CPU above the JS thread\'s; with one libuv thread, async and threads fall to about 1, processes keep a pool each', () => {
		const async = engineOf(hash, 'async');
		expectUnlessSkewed(hash, ['async'], () => {
			expect(async.parallelism).toBeGreaterThan(1.3);
			// Most of the parallelism above 1 is libuv's pool's CPU over the run.
			expect(role(async, 'libuv').cpuMs / async.elapsedMs).toBeGreaterThan(0.7 * (async.parallelism - 1));
		});
		expectUnlessSkewed(oneLibuvThread, ['async', 'threads'], () => {
			expect(engineOf(oneLibuvThread, 'async').parallelism).toBeLessThan(1.2);
			// Worker threads share their process's one libuv thread.
			expect(engineOf(oneLibuvThread, 'threads').parallelism).toBeLessThan(1.2);
		});
		expectUnlessSkewed(oneLibuvThread, ['processes'], () => {
			expect(engineOf(oneLibuvThread, 'processes').parallelism).toBeGreaterThan(1.3);
		});
	});

	it('file I/O on async: what ran beside the JS thread was libuv\'s pool', async () => {
		const {run, result} = await runJson(['-w', 'fs', '-n', '8', '--task-ms', '150', '-e', 'async']);
		expect(run.code, run.stderr).toBe(0);
		const async = engineOf(result, 'async');
		const libuv = role(async, 'libuv');
		expect(libuv.threads).toBe(4);
		// Helper CPU (all of it but the JS thread's) is libuv's, V8's a sliver.
		expect(libuv.cpuMs).toBeGreaterThan(5 * role(async, 'v8').cpuMs);
		expectUnlessSkewed(result, ['async'], () => {
			if (async.parallelism > 1.1) expect(libuv.cpuMs / async.elapsedMs).toBeGreaterThan(0.7 * (async.parallelism - 1));
		});
	});

	it('in the trace, each libuv thread that worked is a track of its own, its busy slices adding up to its CPU over the run', () => {
		const trace = JSON.parse(readFileSync(join(folder, 'hash.trace.json'), 'utf8')) as {traceEvents: Array<{name: string; ph: string; pid: number; tid: number; cat?: string; args?: Record<string, unknown>}>};
		const async = engineOf(hash, 'async');
		const named = trace.traceEvents.filter((event) => event.name === 'thread_name' && event.pid === async.hostPid && String(event.args?.name).startsWith("libuv's pool"));
		expect(named.length).toBe(4);
		for (const thread of async.osThreads!.threads.filter((each) => each.role === 'libuv')) {
			const busy = trace.traceEvents.filter((event) => event.cat === 'async.helpers' && event.tid === thread.tid);
			const sum = busy.reduce((total, event) => total + Number(event.args!.cpuMs), 0);
			expect(sum).toBeCloseTo(thread.cpuMs, 5);
		}
	});

	it('the async panel names its helper threads with the CPU the JSON has', async () => {
		const savePath = join(folder, 'panel.json');
		const screen = new PtyScreen(['-w', 'hash', '-n', '6', '--task-ms', '200', '-e', 'async', '--exit', '--save', savePath], {cols: 160, rows: 40});
		let shown: string;
		try {
			shown = await screen.waitFor((text) => text.includes(`saved: ${savePath}`), 60_000);
			await screen.exited;
		} finally {
			screen.kill();
		}

		const saved = JSON.parse(readFileSync(savePath, 'utf8')) as RunResult;
		const libuv = role(saved.engines[0]!, 'libuv');
		expect(shown).toContain(`helper threads: libuv pool of 4: ${(libuv.cpuMs / 1000).toFixed(2)} s CPU`);
	});
});
