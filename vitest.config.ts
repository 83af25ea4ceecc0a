import {defineConfig} from 'vitest/config';

/**
 * Files whose assertions read the figures of real runs (elapsed, speedup, parallelism, cores, the
 * sentences built on them, frames on screen): they run alone, one file at a time, after the rest,
 * so that another test file's work never shares the cores with them. On a machine busy with other
 * programs they assert the product's judgement of that load instead (test/helpers/busy-machine.ts).
 */
const timing = [
	'dashboard-e2e',
	'engine-kinds',
	'engines',
	'everyday-flags',
	'fs',
	'os-threads',
	'lesson',
	'net',
	'other-load',
	'outputs',
	'pinned-cores',
	'rounds',
	'sleep-workload',
	'sweep',
	'tour',
	'verdict-matrix',
].map((name) => `test/${name}.test.ts`);

export default defineConfig({
	test: {
		testTimeout: 60_000,
		hookTimeout: 60_000,
		// `npm test` runs both projects: first every file that asserts no timing, two files at a
		// time (the soak and the generated-case properties among them: their bounds are hang
		// detectors, records and leaks, never figures; much of their time is spent waiting on
		// processes starting), then the timing files alone. `npm run test:fast` leaves out the soak
		// and the properties.
		projects: [
			{extends: true, test: {name: 'concurrent', include: ['test/**/*.test.{ts,tsx}'], exclude: timing, maxWorkers: 2, sequence: {groupOrder: 0}}},
			{extends: true, test: {name: 'timing', include: timing, fileParallelism: false, sequence: {groupOrder: 1}}},
		],
	},
});
