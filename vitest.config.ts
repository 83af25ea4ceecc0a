import {readFile} from 'node:fs/promises';
import {defineConfig, type Plugin} from 'vitest/config';
import {patchFor} from './scripts/dependency-patches.js';

const soak = 'test/soak.test.ts';

/**
 * The tests run the same patched Ink as the build (scripts/dependency-patches.js): Vite applies
 * each patch as it loads the file. For that, Ink and every package that imports it are loaded
 * through Vite rather than by Node (one copy of Ink, patched), via `server.deps.inline`.
 */
const inlined = /[\\/]node_modules[\\/](ink|ink-testing-library|@alcalzone[\\/](ink-table|ansi-tokenize))[\\/]/;
const dependencyPatches: Plugin = {
	name: 'dependency-patches',
	enforce: 'pre',
	async load(id) {
		const path = id.split('?')[0]!;
		if (!inlined.test(path) || !path.endsWith('.js')) return undefined;
		// Their source maps point to sources the packages do not ship: dropped, not warned about.
		const code = (await readFile(path, 'utf8')).replace(/^\/\/# sourceMappingURL=.*$/m, '');
		const patch = patchFor(path);
		return {code: patch ? patch.apply(code, path) : code, map: null};
	},
};

export default defineConfig({
	plugins: [dependencyPatches],
	test: {
		testTimeout: 60_000,
		hookTimeout: 60_000,
		// Real threads and processes on a 2-core machine: files run one at a time so
		// timing ratios are not disturbed by another test file's workload.
		fileParallelism: false,
		server: {deps: {inline: [inlined]}},
		// `npm test` runs both; `npm run test:fast` runs the first alone (the soak takes ~85 s).
		// Projects run at the same time unless ordered: the soak starts after the fast suite ends.
		projects: [
			{extends: true, test: {name: 'fast', include: ['test/**/*.test.{ts,tsx}'], exclude: [soak], sequence: {groupOrder: 0}}},
			{extends: true, test: {name: 'soak', include: [soak], sequence: {groupOrder: 1}}},
		],
	},
});
