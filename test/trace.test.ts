// The Chrome trace (--trace): the Trace Event Format's rules Perfetto relies on, on traces of every
// workload, every engine, --threads spawn, a user module and an interrupted run.
import {spawn} from 'node:child_process';
import {mkdtempSync, readdirSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import type {RunResult} from '../source/model/result-types.js';
import {workloadNames} from '../source/model/run-config.js';
import {cliPath, fixture, runJson, userEnv} from './helpers/run-cli.js';
import {traceProblems} from './helpers/trace-checker.js';

type Event = {name: string; ph: string; pid: number; tid: number; ts?: number; dur?: number; cat?: string; id?: string; args?: Record<string, unknown>};
type Trace = {traceEvents: Event[]; otherData: {runId: string}};

const tracePath = () => join(mkdtempSync(join(tmpdir(), 'concur-trace-')), 'run.trace.json');
const readTrace = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Trace;
/** No event later than the longest engine, with room to spare: a trace in ms or ns would be far off. */
const runMicros = (result: RunResult) => Math.max(...result.engines.map((engine) => engine.elapsedMs)) * 1000 * 1.5 + 1_000_000;

async function traced(args: readonly string[]): Promise<{trace: Trace; result: RunResult}> {
	const path = tracePath();
	const {run, result} = await runJson([...args, '--trace', path]);
	expect(run.stderr).toBe('');
	return {trace: readTrace(path), result};
}

const tasksOf = (trace: Trace, cat: string) => trace.traceEvents.filter((event) => event.cat === cat && /^task \d+$/.test(event.name) && event.ph !== 'e');
const named = (trace: Trace, name: string) => trace.traceEvents.filter((event) => event.ph === 'M' && event.name === name);

describe('the trace checker', () => {
	const names = [
		{name: 'process_name', ph: 'M', pid: 1, tid: 0, args: {name: 'p'}},
		{name: 'thread_name', ph: 'M', pid: 1, tid: 1, args: {name: 't'}},
	];

	it('fails two complete events that overlap on one thread without nesting, and passes nested ones', () => {
		const slice = (name: string, ts: number, dur: number) => ({name, ph: 'X', pid: 1, tid: 1, ts, dur});
		expect(traceProblems({traceEvents: [...names, slice('a', 0, 100), slice('b', 50, 100)]})).toEqual(['on 1:1: "b" starts inside "a" and ends after it']);
		expect(traceProblems({traceEvents: [...names, slice('a', 0, 100), slice('b', 50, 50), slice('c', 100, 10)]})).toEqual([]);
	});

	it('fails an async begin without its end, an end of another name, an unnamed thread and a negative time', () => {
		const async = (ph: string, name: string, ts: number) => ({name, ph, cat: 'async', id: '7', pid: 1, tid: 1, ts});
		expect(traceProblems({traceEvents: [...names, async('b', 'task 1', 0)]})).toEqual(['b without its e: async|7|task 1']);
		expect(traceProblems({traceEvents: [...names, async('b', 'task 1', 0), async('e', 'task 2', 5)]})).toHaveLength(2);
		expect(traceProblems({traceEvents: [names[0], {name: 'x', ph: 'X', pid: 1, tid: 2, ts: 0, dur: 1}]})).toEqual(['event 1 (x): thread 1:2 is not named']);
		expect(traceProblems({traceEvents: [...names, {name: 'x', ph: 'X', pid: 1, tid: 1, ts: -1, dur: 1}]})[0]).toMatch(/not a time in microseconds/);
		expect(traceProblems({traceEvents: [...names, {name: 'x', ph: 'X', pid: 1, tid: 1, ts: 5_000_000, dur: 1}]}, 1_000_000)[0]).toMatch(/not microseconds/);
	});
});

describe('the trace of a run', () => {
	it.each(workloadNames)('%s on all three engines: sound, laid out as the panels are', async (workload) => {
		const {trace, result} = await traced(['-w', workload, '-n', '6', '--task-ms', '60', '-p', '2']);
		expect(traceProblems(trace, runMicros(result))).toEqual([]);
		expect(trace.otherData.runId).toBe(result.runId);
		// Async: every task an async slice on the event loop's one process and thread.
		const asyncTasks = tasksOf(trace, 'async');
		expect(asyncTasks).toHaveLength(6);
		expect(new Set(asyncTasks.map((event) => event.ph))).toEqual(new Set(['b']));
		expect(new Set(asyncTasks.map((event) => `${event.pid}:${event.tid}`)).size).toBe(1);
		// Pools: complete slices, threads in one process, processes in several.
		const threadTasks = tasksOf(trace, 'threads');
		const processTasks = tasksOf(trace, 'processes');
		expect(threadTasks.every((event) => event.ph === 'X')).toBe(true);
		expect(processTasks.every((event) => event.ph === 'X')).toBe(true);
		expect(new Set(threadTasks.map((event) => event.pid)).size).toBe(1);
		expect(new Set(threadTasks.map((event) => event.tid)).size).toBeGreaterThanOrEqual(2);
		expect(new Set(processTasks.map((event) => event.pid)).size).toBeGreaterThanOrEqual(2);
		// The panels' order and names.
		const sortIndex = new Map(named(trace, 'process_sort_index').map((event) => [event.pid, event.args!.sort_index as number]));
		const hostOf = (engine: string) => result.engines.find((each) => each.engine === engine)!.hostPid!;
		expect(sortIndex.get(hostOf('async'))!).toBeLessThan(sortIndex.get(hostOf('threads'))!);
		expect(sortIndex.get(hostOf('threads'))!).toBeLessThan(sortIndex.get(hostOf('processes'))!);
		expect(named(trace, 'process_name').find((event) => event.pid === hostOf('async'))!.args!.name).toMatch(/^Async · one event loop \(pid \d+\)$/);
		// Waiting: 6 tasks on 2 units, so 4 waited, each its own slice on the pool's host.
		expect(trace.traceEvents.filter((event) => event.cat === 'threads.wait' && event.ph === 'b').length).toBeGreaterThanOrEqual(4);
		// Counters: cores busy on every host, the engine's own cores, the event loop's lag on async.
		const counters = trace.traceEvents.filter((event) => event.ph === 'C');
		// One "cores busy" counter per sample in the engine's window, as the JSON has them (a 60 ms
		// async run may see none when the machine delays the 200 ms sampler; the pools see some).
		for (const engine of result.engines) {
			expect(counters.filter((event) => event.pid === engine.hostPid && event.name === 'cores busy (%)'), engine.engine).toHaveLength(engine.coreSamples.length);
		}

		expect(result.engines.some((engine) => engine.coreSamples.length > 0)).toBe(true);
		expect(counters.some((event) => event.pid === hostOf('async') && event.name === 'event loop lag (ms)')).toBe(true);
		expect(counters.some((event) => event.name === 'engine cores')).toBe(true);
	});

	it('of --threads spawn: a thread per task, each named, each task a complete slice on it', async () => {
		const {trace, result} = await traced(['-w', 'cpu', '-n', '4', '--task-ms', '40', '-p', '2', '-e', 'threads', '--threads', 'spawn']);
		expect(traceProblems(trace, runMicros(result))).toEqual([]);
		const tasks = tasksOf(trace, 'threads');
		expect(tasks.map((event) => event.ph)).toEqual(['X', 'X', 'X', 'X']);
		expect(new Set(tasks.map((event) => event.tid)).size).toBe(4);
	});

	it('of a user module: sound', async () => {
		const {trace, result} = await traced(['--task', fixture('custom-task.mjs'), '-n', '4', '-p', '2']);
		expect(traceProblems(trace, runMicros(result))).toEqual([]);
		expect(tasksOf(trace, 'async')).toHaveLength(4);
	});

	it('of an interrupted run: sound, the unfinished tasks ending where the run stopped, marked incomplete', async () => {
		const path = tracePath();
		const child = spawn(process.execPath, [cliPath, '-w', 'sleep', '-n', '4', '--task-ms', '1500', '-p', '2', '--trace', path], {env: userEnv(), stdio: ['ignore', 'pipe', 'pipe']});
		let out = '';
		let stopping = false;
		child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
			out += chunk;
			if (!out.includes('async: ') || stopping) return;
			// Async has ended; once the threads are at work (their pool takes tens of ms to start), stop the run.
			stopping = true;
			setTimeout(() => child.kill('SIGINT'), 700);
		});
		const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
		expect(code).toBe(130);
		expect(readdirSync(join(path, '..'))).toEqual(['run.trace.json']);
		const trace = readTrace(path);
		expect(traceProblems(trace, 60_000_000)).toEqual([]);
		const unfinished = tasksOf(trace, 'threads').filter((event) => event.args?.complete === false);
		expect(unfinished.length).toBeGreaterThan(0);
	});
});
