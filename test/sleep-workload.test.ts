import {getEventListeners} from 'node:events';
import {describe, expect, it} from 'vitest';
import {sleep, visitsPerTick} from '../source/workloads/sleep.js';
import {runJson} from './helpers/run-cli.js';

const settle = async (promises: Array<Promise<unknown>>) => Promise.allSettled(promises);

describe('the sleep workload: waiting costs no CPU, however many tasks wait', () => {
	it('hears an abort at once through one listener, whatever the number of sleepers on the signal', async () => {
		const controller = new AbortController();
		const sleeping = Array.from({length: 10_000}, async () => sleep(60_000, {progress() {}, signal: controller.signal}));
		expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
		const started = performance.now();
		controller.abort(new Error('stopped'));
		const outcomes = await settle(sleeping);
		// Heard, not polled: well before a ticker's turn would come round.
		expect(performance.now() - started).toBeLessThan(1000);
		expect(outcomes.every((outcome) => outcome.status === 'rejected' && (outcome.reason as Error).message === 'stopped')).toBe(true);
		expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
	});

	it('each sleeper of a task of its own signal leaves no listener behind once it wakes', async () => {
		const signals = Array.from({length: 100}, () => new AbortController().signal);
		await Promise.all(signals.map(async (signal) => sleep(20, {progress() {}, signal})));
		expect(signals.every((signal) => getEventListeners(signal, 'abort').length === 0)).toBe(true);
	});

	it('reports every sleeper\'s progress, taking turns: at most a bounded number of reports a tick', async () => {
		const sleepers = 3 * visitsPerTick;
		const reported = new Array<number>(sleepers).fill(0);
		let reports = 0;
		const controller = new AbortController();
		const sleeping = Array.from({length: sleepers}, async (_, index) =>
			sleep(5000, {
				progress(fraction) {
					reported[index] = fraction;
					reports++;
				},
				signal: controller.signal,
			}),
		);
		const started = performance.now();
		await new Promise((resolve) => setTimeout(resolve, 600));
		const ticks = (performance.now() - started) / 50;
		controller.abort(new Error('done'));
		await settle(sleeping);
		// Three ticks take every sleeper's turn: within 600 ms each has reported, none past 1.
		expect(reported.every((fraction) => fraction > 0 && fraction <= 1)).toBe(true);
		// Visiting every sleeper at every tick would be `sleepers` reports a tick.
		expect(reports).toBeLessThanOrEqual((Math.ceil(ticks) + 1) * visitsPerTick);
	});

	it('100,000 async tasks asleep read as waiting, not as a busy core (parallelism 1.08 when every sleeper was visited every 50 ms)', async () => {
		const {run, result} = await runJson(['-e', 'async', '-w', 'sleep', '--task-ms', '6000', '-n', '100000']);
		expect(run.code).toBe(0);
		const [engine] = result.engines;
		expect(engine!.complete).toBe(true);
		expect(engine!.parallelism).toBeLessThan(0.5);
	});
});
