import {defineConfig} from 'vitest/config';

const soak = 'test/soak.test.ts';

export default defineConfig({
	test: {
		testTimeout: 60_000,
		hookTimeout: 60_000,
		// Real threads and processes on a 2-core machine: files run one at a time so
		// timing ratios are not disturbed by another test file's workload.
		fileParallelism: false,
		// `npm test` runs both; `npm run test:fast` runs the first alone (the soak takes ~85 s).
		// Projects run at the same time unless ordered: the soak starts after the fast suite ends.
		projects: [
			{extends: true, test: {name: 'fast', include: ['test/**/*.test.{ts,tsx}'], exclude: [soak], sequence: {groupOrder: 0}}},
			{extends: true, test: {name: 'soak', include: [soak], sequence: {groupOrder: 1}}},
		],
	},
});
