// The watchdog that ends an engine whose whole host is held, watched against a real process:
// one that is stopped (SIGSTOP), and one that runs but sends nothing.
import {spawn, type ChildProcess} from 'node:child_process';
import {afterEach, describe, expect, it} from 'vitest';
import {HostWatchdog, type HostWatchdogOptions} from '../source/orchestrator/host-watchdog.js';
import type {WireEvent} from '../source/model/events.js';
import {epochNow} from '../source/measure/clock.js';

const children: ChildProcess[] = [];
afterEach(() => {
	for (const child of children.splice(0)) child.kill('SIGKILL');
});

function idleProcess(): number {
	const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], {stdio: 'ignore'});
	children.push(child);
	return child.pid!;
}

type Stuck = {endEvents: WireEvent[]; reason: string; afterMs: number};

/** A watchdog that heard its engine start and one task start, then nothing. */
function watch(options: Omit<HostWatchdogOptions, 'engine'>): {stuck: Promise<Stuck>; watchdog: HostWatchdog; helds: Array<string | null>} {
	const started = performance.now();
	const helds: Array<string | null> = [];
	let watchdog!: HostWatchdog;
	const stuck = new Promise<Stuck>((resolve) => {
		watchdog = new HostWatchdog(
			{engine: 'threads', ...options},
			{
				onStuck(endEvents, reason) {
					resolve({endEvents, reason, afterMs: performance.now() - started});
				},
				onHeld(why) {
					helds.push(why);
				},
			},
		);
	});
	watchdog.heard([
		{name: 'engine:start', data: {engine: 'threads', t: epochNow(), startupMs: 1, hostPid: 1}},
		{name: 'task:start', data: {engine: 'threads', t: epochNow(), id: 7, lane: 0, pid: 1, tid: 1}},
	]);
	watchdog.start();
	return {stuck, watchdog, helds};
}

const firedWithin = async (stuck: Promise<Stuck>, ms: number) =>
	Promise.race([stuck, new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), ms))]);

describe.runIf(process.platform === 'linux')('the host watchdog (--timeout set)', () => {
	it('ends a pool engine whose host process is stopped, in its words, and the tasks it knew were running', async () => {
		const pid = idleProcess();
		process.kill(pid, 'SIGSTOP');
		const {stuck, helds} = watch({timeoutMs: 200, hostPid: pid, watchesTasks: false});
		const {endEvents, reason, afterMs} = (await firedWithin(stuck, 10_000))!;
		expect(helds).toEqual(['stopped (SIGSTOP or debugger): waiting']);
		expect(reason).toMatch(/^the engine's process was stopped \(SIGSTOP, or a debugger\) for \d+ ms, past --timeout 200 ms, so the engine was stopped$/);
		expect(endEvents).toHaveLength(1);
		expect(endEvents[0]!.data).toMatchObject({id: 7, ok: false, error: expect.stringMatching(/^timed out after 200 ms; the engine's process was stopped/) as unknown});
		// Timeout plus its 1 s grace, not the 5 s a silent but running host gets.
		expect(afterMs).toBeLessThan(4000);
	});

	it('without --timeout, says an engine waits on its stopped process, stops nothing, and takes it back when heard again', async () => {
		const pid = idleProcess();
		process.kill(pid, 'SIGSTOP');
		const {stuck, watchdog, helds} = watch({timeoutMs: null, hostPid: pid, watchesTasks: false});
		try {
			expect(await firedWithin(stuck, 3000)).toBeUndefined();
			expect(helds).toEqual(['stopped (SIGSTOP or debugger): waiting; --timeout would end this']);
			process.kill(pid, 'SIGCONT');
			watchdog.heard([]);
			expect(helds.at(-1)).toBeNull();
		} finally {
			watchdog.stop();
		}
	});

	it('gives a pool host that runs but sends nothing far longer before calling it stuck', async () => {
		const {stuck, watchdog} = watch({timeoutMs: 200, hostPid: idleProcess(), watchesTasks: false});
		expect(await firedWithin(stuck, 2500), 'fired while the host may only be starved of CPU').toBeUndefined();
		const {reason, afterMs} = (await firedWithin(stuck, 10_000))!;
		watchdog.stop();
		expect(reason).toMatch(/^the engine's process sent nothing for \d+ ms, past --timeout 200 ms, so the engine was stopped$/);
		expect(afterMs).toBeGreaterThan(5000);
	});

	it('on async, a loop held by a running task: the busy-loop words', async () => {
		const {stuck} = watch({timeoutMs: 200, hostPid: idleProcess(), watchesTasks: true});
		const {endEvents, reason} = (await firedWithin(stuck, 10_000))!;
		expect(reason).toMatch(/^the event loop was blocked for \d+ ms, past --timeout 200 ms; async cancellation is cooperative/);
		expect(endEvents[0]!.data).toMatchObject({id: 7, error: 'timed out after 200 ms; it kept the event loop busy, so no abort could reach it and the whole engine was stopped'});
	});

	it('does not blame a host for the time concur-tui itself was held (stopped, suspended, starved)', async () => {
		const {stuck, watchdog} = watch({timeoutMs: 200, hostPid: idleProcess(), watchesTasks: true});
		const hostMessage = () => watchdog.heard([{name: 'task:end', data: {engine: 'threads', t: epochNow(), id: 7, ok: true, error: null, cpu: null, runStartT: null}}]);
		let hostMessages: NodeJS.Timeout | undefined;
		try {
			const heldUntil = performance.now() + 6500;
			while (performance.now() < heldUntil) {
				// This process is held, as if stopped: nothing the host sent meanwhile is read.
			}

			// Timers run first, then the pipe is read (here: in the check phase, after the poll).
			setImmediate(() => {
				hostMessage();
				hostMessages = setInterval(hostMessage, 100);
			});
			expect(await firedWithin(stuck, 1500)).toBeUndefined();
		} finally {
			clearInterval(hostMessages);
			watchdog.stop();
		}
	});

	it('ends a pool engine that still reports but never ends a task past its timeout (found by a generated case)', async () => {
		// A task closed fds 1 and 2, and another closed them again once the host's own handles had
		// taken those numbers: the host went on sending samples, and its pool never ended the task.
		const {stuck, watchdog} = watch({timeoutMs: 200, hostPid: idleProcess(), watchesTasks: false});
		const keepHearing = setInterval(() => watchdog.heard([]), 100);
		try {
			expect(await firedWithin(stuck, 2500), 'fired before the pool had its grace to end the task').toBeUndefined();
			const {endEvents, reason, afterMs} = (await firedWithin(stuck, 10_000))!;
			expect(afterMs).toBeGreaterThan(5000);
			expect(reason).toMatch(/^a task ran for \d+ ms, past --timeout 200 ms and its engine did not end it, so the engine was stopped$/);
			expect(endEvents.map((event) => event.data)).toEqual([expect.objectContaining({id: 7, ok: false, error: 'timed out after 200 ms; its engine did not end it at its timeout though the process still ran, so the whole engine was stopped'})]);
		} finally {
			clearInterval(keepHearing);
			watchdog.stop();
		}
	});

	it('ends a pool engine that still reports but starts none of the tasks that wait (the same generated case)', async () => {
		const {stuck, watchdog} = watch({timeoutMs: 200, hostPid: idleProcess(), watchesTasks: false});
		watchdog.heard([
			{name: 'task:queued', data: {engine: 'threads', t: epochNow(), ids: [7, 8]}},
			{name: 'task:end', data: {engine: 'threads', t: epochNow(), id: 7, ok: true, error: null, cpu: null, runStartT: null}},
		]);
		const keepHearing = setInterval(() => watchdog.heard([]), 100);
		try {
			expect(await firedWithin(stuck, 2500), 'fired before the pool had its grace to start a task').toBeUndefined();
			const {endEvents, reason, afterMs} = (await firedWithin(stuck, 10_000))!;
			expect(afterMs).toBeGreaterThan(5000);
			expect(reason).toMatch(/^no task started or ended for \d+ ms, past --timeout 200 ms, while tasks waited, so the engine was stopped$/);
			// None was running: the waiting one is recorded with the engine's end, as not finished.
			expect(endEvents).toEqual([]);
		} finally {
			clearInterval(keepHearing);
			watchdog.stop();
		}
	});

	it('stays quiet while the host reports', async () => {
		const {stuck, watchdog} = watch({timeoutMs: 200, hostPid: idleProcess(), watchesTasks: false});
		const keepHearing = setInterval(() => watchdog.heard([]), 100);
		try {
			expect(await firedWithin(stuck, 2000)).toBeUndefined();
		} finally {
			clearInterval(keepHearing);
			watchdog.stop();
		}
	});
});
