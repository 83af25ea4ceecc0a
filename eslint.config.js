// Run: npm run lint. Type-aware rules, plus import guards that keep the layers apart:
// engines -> bus -> store -> ui; engines import neither React nor Ink, components no engine.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import layers from './eslint-rules/layers.js';

export default tseslint.config(
	{ignores: ['dist/', 'node_modules/', 'coverage/', 'test/fixtures/', 'scripts/empty-module.js']},
	js.configs.recommended,
	...tseslint.configs.recommendedTypeChecked,
	{
		languageOptions: {
			parserOptions: {projectService: {allowDefaultProject: ['*.js', 'scripts/*.js', 'scripts/*.mjs', 'examples/*.mjs']}, tsconfigRootDir: import.meta.dirname},
		},
		rules: {
			'@typescript-eslint/no-floating-promises': 'error',
			'@typescript-eslint/consistent-type-imports': 'error',
			'no-await-in-loop': 'error',
			'@typescript-eslint/no-unused-vars': ['error', {argsIgnorePattern: '^_', ignoreRestSiblings: true}],
			'no-restricted-syntax': ['error', {selector: 'TSEnumDeclaration', message: 'Use string-literal unions, not enums.'}],
		},
	},
	{
		// Layers of source/, at any depth (eslint-rules/layers.js): each imports only the layers
		// below it, and no chain of imports comes back (test/lint-layers.test.ts proves both bite).
		files: ['source/**/*.ts', 'source/**/*.tsx'],
		plugins: {layers},
		rules: {'layers/allowed-imports': 'error', 'layers/no-cycle': 'error'},
	},
	{
		files: ['source/{model,util,config,engines,workloads,measure,orchestrator,bus,result,store,report}/**'],
		rules: {
			'no-restricted-imports': ['error', {patterns: [{group: ['react', 'react/*', 'ink', 'ink-*', '@alcalzone/*'], message: 'Only ui/ and cli/ draw: no React or Ink below them.'}]}],
		},
	},
	{
		files: ['source/ui/**'],
		rules: {
			'no-restricted-imports': ['error', {patterns: [{group: ['workerpool', 'worker-threads-pool', 'node:worker_threads', 'node:child_process'], message: 'Components read the store; they never run work.'}]}],
		},
	},
	{
		// vitest's asymmetric matchers (expect.any) are typed any.
		files: ['test/**'],
		rules: {'@typescript-eslint/no-unsafe-assignment': 'off'},
	},
	{
		files: ['**/*.js', '**/*.mjs'],
		...tseslint.configs.disableTypeChecked,
		// Parsed without a TypeScript program: no default project for plain scripts.
		languageOptions: {
			parserOptions: {projectService: false, project: false, program: null},
			globals: {URL: 'readonly', process: 'readonly', console: 'readonly', performance: 'readonly'},
		},
	},
);
