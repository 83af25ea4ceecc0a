import {describe, expect, it} from 'vitest';
import {resolveOptions} from '../source/cli/parse-flags.js';
import {defaultTaskShape} from '../source/config/defaults.js';
import {runLimits} from '../source/config/limits.js';
import {helpText} from '../source/cli/help-text.js';

describe('flag resolution', () => {
	it('defaults to the cpu workload, a pool of one unit per core and all three engines', () => {
		const {config, json, tracePath} = resolveOptions({json: false}, [], 2);
		expect(config).toMatchObject({workload: 'cpu', tasks: 8, taskMs: 300, pool: 2, mode: 'sequential', threads: 'pool'});
		expect(config.engines).toEqual(['async', 'threads', 'processes']);
		expect(json).toBe(false);
		expect(tracePath).toBeNull();
	});

	it('sizes the default run to finish in about 10 s from 2 to 256 cores', () => {
		for (const cores of [2, 4, 16, 64, 256]) {
			const {tasks, taskMs} = defaultTaskShape(cores);
			const asyncMs = tasks * taskMs;
			const poolMs = Math.ceil(tasks / cores) * taskMs;
			expect(asyncMs + 2 * poolMs).toBeLessThanOrEqual(10_000);
			// Enough tasks to keep every core of the pools busy twice over.
			expect(tasks).toBeGreaterThanOrEqual(2 * cores);
		}
	});

	it('sizes a task by the task count when --task-ms is not given, as the help says (4000 / tasks, 10 to 300 ms)', () => {
		expect(resolveOptions({tasks: '200'}, [], 2).config.taskMs).toBe(20);
		expect(resolveOptions({tasks: '5000'}, [], 2).config.taskMs).toBe(10);
		expect(resolveOptions({tasks: '4'}, [], 2).config.taskMs).toBe(300);
		expect(resolveOptions({tasks: '200', taskMs: '50'}, [], 2).config.taskMs).toBe(50);
	});

	it('applies a preset and lets explicit flags win over it', () => {
		expect(resolveOptions({preset: 'seed-cpu'}, [], 4).config).toMatchObject({workload: 'cpu', tasks: 4, taskMs: 700, pool: 4});
		const io = resolveOptions({preset: 'seed-io', taskMs: '500'}, [], 2).config;
		expect(io).toMatchObject({workload: 'sleep', tasks: 3, taskMs: 500, pool: 3, threads: 'spawn'});
	});

	it('keeps the panels in order whatever order engines are named in', () => {
		expect(resolveOptions({engines: 'processes, async'}, [], 2).config.engines).toEqual(['async', 'processes']);
	});

	it('accepts fractional task sizes and resolves the trace path', () => {
		const {config, tracePath} = resolveOptions({taskMs: '2.5', trace: 'out.json'}, [], 2);
		expect(config.taskMs).toBe(2.5);
		expect(tracePath).toMatch(/\/out\.json$/);
	});
});

describe('the limits, one place for each (config/limits.ts)', () => {
	it.each([
		['tasks', '--tasks'],
		['pool', '--pool'],
		['runs', '--runs'],
		['fps', '--fps'],
	] as const)('%s: the flag takes the limit, refuses one more, and the help says the same range', (name, flag) => {
		const limit = runLimits[name];
		expect(() => resolveOptions({[name]: String(limit)}, [], 2)).not.toThrow();
		expect(() => resolveOptions({[name]: String(limit + 1)}, [], 2)).toThrow(flag);
		expect(helpText).toMatch(new RegExp(`${flag} N .*1\\.\\.${limit}\\b|${flag} N[^\\n]*\\n[^\\n]*1\\.\\.${limit}\\b`));
	});
});
