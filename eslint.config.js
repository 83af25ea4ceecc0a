// Run: npm run lint. Type-aware rules, plus import guards that keep the layers apart:
// engines -> bus -> store -> ui; engines import neither React nor Ink, components no engine.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

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
			'@typescript-eslint/no-unused-vars': ['error', {argsIgnorePattern: '^_'}],
			'no-restricted-syntax': ['error', {selector: 'TSEnumDeclaration', message: 'Use string-literal unions, not enums.'}],
		},
	},
	{
		files: ['source/engines/**', 'source/workloads/**', 'source/measure/**', 'source/orchestrator/**', 'source/bus/**'],
		rules: {
			'no-restricted-imports': ['error', {patterns: [{group: ['react', 'ink', 'ink-*', '@alcalzone/*', '*/ui/*'], message: 'Engines, bus and measurements never import the UI.'}]}],
		},
	},
	{
		files: ['source/ui/**'],
		rules: {
			'no-restricted-imports': [
				'error',
				{patterns: [{group: ['*/engines/*', '*/orchestrator/*', 'workerpool', 'worker-threads-pool'], message: 'Components read the store; they never touch an engine.'}]},
			],
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
		languageOptions: {globals: {URL: 'readonly', process: 'readonly', console: 'readonly', performance: 'readonly'}},
	},
	{
		// Terminal code: matching escape sequences is the point.
		files: ['scripts/ink-line-diff.js', 'scripts/string-width-memo.js'],
		rules: {'no-control-regex': 'off'},
	},
);
