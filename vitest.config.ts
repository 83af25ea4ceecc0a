import {defineConfig} from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/**/*.test.{ts,tsx}'],
		testTimeout: 60_000,
		hookTimeout: 60_000,
		// Real threads and processes on a 2-core machine: files run one at a time so
		// timing ratios are not disturbed by another test file's workload.
		fileParallelism: false,
	},
});
