// The whole dashboard fed by a fake bus: what a user sees as events arrive.
import {storeFollowing} from './helpers/store-following.js';
import {render} from 'ink-testing-library';
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {RunBus} from '../source/bus/run-bus.js';
import {publishEveryMs} from '../source/store/run-store.js';
import {App} from '../source/ui/app.js';
import type {DashboardControls} from '../source/model/dashboard-controls.js';
import {config, machine, runResult} from './helpers/dashboard-fixtures.js';

function controls() {
	const mocks = {
		rerun: vi.fn(),
		nextWorkload: vi.fn(),
		changeTasks: vi.fn<DashboardControls['changeTasks']>(),
		changePool: vi.fn<DashboardControls['changePool']>(),
		toggleMode: vi.fn(),
		writeTrace: vi.fn(),
		quit: vi.fn(),
		suspend: vi.fn(),
		tell: vi.fn<DashboardControls['tell']>(),
	};
	return mocks satisfies DashboardControls;
}

describe('the dashboard app', () => {
	beforeEach(() => {
		vi.useFakeTimers();
	});
	afterEach(() => {
		vi.useRealTimers();
	});

	it('draws three panels whose bars follow the bus, then the result', async () => {
		const bus = new RunBus();
		const store = storeFollowing(bus, config, machine, () => 1000 + 250);
		const {lastFrame, rerender} = render(<App store={store} controls={controls()} interactive={false} />);
		expect(lastFrame()).toContain('calibrating');
		bus.emit('run:start', {runId: 'test-run', config, machine, startedAt: 1000});
		bus.emit('engine:start', {engine: 'async', t: 0, startupMs: 0, hostPid: 42});
		bus.emit('lane:open', {engine: 'async', t: 0, lane: {id: 0, label: 'event loop', pid: 42, tid: 42}});
		bus.emit('task:queued', {engine: 'async', t: 0, ids: [0, 1, 2, 3]});
		bus.emit('task:start', {engine: 'async', t: 0, id: 0, lane: 0, pid: 42, tid: 42});
		await vi.advanceTimersByTimeAsync(publishEveryMs);
		rerender(<App store={store} controls={controls()} interactive={false} />);
		const frame = lastFrame()!;
		// ink-testing-library's terminal is 100 columns wide: three compact panels side by side, on one row.
		expect(frame).toMatch(/^Async .* Many-thread .* Multicore /m);
		// A row per task, labelled with its lane (L: the event loop).
		expect(frame).toMatch(/L #0 +█+/);
		expect(frame).toContain('keys off: stdin is not a terminal');

		bus.emit('run:end', {result: runResult});
		await vi.advanceTimersByTimeAsync(publishEveryMs);
		expect(lastFrame()).toMatch(/│ engine +│ elapsed/);
		expect(lastFrame()).toContain('Verdict: threads won');
	});

	it('sends keys to the controls and toggles help', async () => {
		// Real timers: Ink sets up its input handling on a timer of its own.
		vi.useRealTimers();
		const pause = async () => new Promise((resolve) => setTimeout(resolve, 50));
		const bus = new RunBus();
		const store = storeFollowing(bus, config, machine);
		const keys = controls();
		const {stdin, lastFrame, unmount} = render(<App store={store} controls={keys} interactive />);
		await pause();
		for (const key of ['r', 'w', '+', '-', ']', '[', 'm', 't', 'q']) {
			stdin.write(key);
			// One key at a time, as typed.
			// eslint-disable-next-line no-await-in-loop
			await pause();
		}

		expect(keys.rerun).toHaveBeenCalledTimes(1);
		expect(keys.nextWorkload).toHaveBeenCalledTimes(1);
		expect(keys.changeTasks.mock.calls).toEqual([[1], [-1]]);
		expect(keys.changePool.mock.calls).toEqual([[1], [-1]]);
		expect(keys.toggleMode).toHaveBeenCalledTimes(1);
		expect(keys.writeTrace).toHaveBeenCalledTimes(1);
		expect(keys.quit).toHaveBeenCalledTimes(1);
		stdin.write('?');
		await pause();
		expect(lastFrame()).toContain('On screen');
		stdin.write('?');
		await pause();
		expect(lastFrame()).toMatch(/^Async .* Many-thread /m);
		// l stacks the panels (full titles, one above the other) and puts them back side by side.
		stdin.write('l');
		await pause();
		expect(lastFrame()).toContain('Async · one event loop');
		expect(lastFrame()).toContain('l layout: stacked');
		stdin.write('l');
		await pause();
		expect(lastFrame()).toMatch(/^Async .* Many-thread /m);
		expect(lastFrame()).toContain('l layout: side');
		expect(keys.tell).not.toHaveBeenCalled();
		unmount();
		store.dispose();
	});

	it('f freezes the view; a key that changes the run lets go of it first, so no run starts out of sight', async () => {
		vi.useRealTimers();
		const pause = async () => new Promise((resolve) => setTimeout(resolve, 50));
		const bus = new RunBus();
		const store = storeFollowing(bus, config, machine);
		const keys = controls();
		const {stdin, lastFrame, unmount} = render(<App store={store} controls={keys} interactive />);
		await pause();
		bus.emit('run:start', {runId: 'test-run', config, machine, startedAt: 1000});
		bus.emit('run:end', {result: runResult});
		await new Promise((resolve) => setTimeout(resolve, publishEveryMs + 50));
		// Frozen after the run ended: the footer says it has ended, not that it goes on.
		stdin.write('f');
		await pause();
		expect(lastFrame()).toContain('FROZEN: the run has ended · f catches up');
		for (const [index, key] of ['w', '+', ']', 'm', 'r', 'q'].entries()) {
			if (index > 0) stdin.write('f');
			// eslint-disable-next-line no-await-in-loop
			await pause();
			expect(lastFrame(), key).toContain('FROZEN');
			stdin.write(key);
			// eslint-disable-next-line no-await-in-loop
			await pause();
			expect(lastFrame(), key).not.toContain('FROZEN');
		}

		expect(keys.nextWorkload).toHaveBeenCalledTimes(1);
		expect(keys.quit).toHaveBeenCalledTimes(1);
		unmount();
		store.dispose();
	});
});
