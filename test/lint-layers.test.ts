// The layer rules of eslint-rules/layers.js reject every forbidden import, at any depth, and
// every import cycle; the real source passes them (npm run lint runs them on every file).
import {join} from 'node:path';
import {ESLint} from 'eslint';
import tseslint from 'typescript-eslint';
import {describe, expect, it} from 'vitest';
import layers, {allowedLayers, sourceRoot} from '../eslint-rules/layers.js';

const eslint = new ESLint({
	cwd: join(sourceRoot, '..'),
	overrideConfigFile: true,
	overrideConfig: [
		{
			files: ['**/*.ts', '**/*.tsx'],
			languageOptions: {parser: tseslint.parser},
			plugins: {layers},
			rules: {'layers/allowed-imports': 'error', 'layers/no-cycle': 'error'},
		},
	],
});

async function problems(file: string, code: string): Promise<string[]> {
	const [result] = await eslint.lintText(code, {filePath: join(sourceRoot, file)});
	return result!.messages.map((message) => `${message.ruleId}: ${message.message}`);
}

describe('layer rules', () => {
	it.each([
		// Two folders deep, which the old one-level patterns let through.
		['engines/host/x.ts', "import {App} from '../../ui/app.js';", /engines\/ may import only .*; not ui\/app\.tsx/],
		['ui/panel/x.ts', "import type {EnginePlan} from '../../engines/host/engine-plan.js';", /ui\/ may import only .*; not engines\/host\/engine-plan\.ts/],
		['model/x.ts', "import {describeError} from '../util/describe-error.js';", /model\/ may import only nothing from source\/; not util\/describe-error\.ts/],
		['result/x.ts', "import {RunStore} from '../store/run-store.js';", /result\/ may import only .*; not store\/run-store\.ts/],
		['report/x.ts', "export {runEngines} from '../orchestrator/run-engines.js';", /report\/ may import only .*; not orchestrator\/run-engines\.ts/],
		['store/x.ts', "const ui = await import('../ui/app.js');", /store\/ may import only .*; not ui\/app\.tsx/],
		['measure/x.ts', "import {runPoolEngine} from '../engines/host/pool-engine.js';", /measure\/ may import only/],
		['bus/x.ts', "import type {RunResult} from '../result/result-collector.js';", /bus\/ may import only/],
		['orchestrator/x.ts', "import {runPoolEngine} from '../engines/host/pool-engine.js';", /orchestrator\/ may see only the host protocol of engines\//],
	])('rejects %s: %s', async (file, code, message) => {
		const found = await problems(file, code);
		expect(found).toHaveLength(1);
		expect(found[0]).toMatch(/^layers\/allowed-imports: /);
		expect(found[0]).toMatch(message);
	});

	it('lets each layer import the layers below it, and cli/ import all', async () => {
		expect(await problems('ui/panel/x.ts', "import type {RunResult} from '../../model/result-types.js';\nimport {seconds} from '../../result/format.js';")).toEqual([]);
		expect(await problems('orchestrator/x.ts', "import type {HostReply} from '../engines/host/host-protocol.js';")).toEqual([]);
		expect(await problems('cli/x.ts', "import {runEngines} from '../orchestrator/run-engines.js';\nimport {App} from '../ui/app.js';")).toEqual([]);
		expect(Object.keys(allowedLayers)).toContain('model');
	});

	it('rejects an import cycle, type-only imports too', async () => {
		// result-types.ts imports nothing from events.ts: this import would close a loop.
		const found = await problems('model/result-types.ts', "import type {RunStartEvent} from './events.js';\nexport type X = RunStartEvent;");
		expect(found).toEqual(['layers/no-cycle: import cycle: model/result-types.ts -> model/events.ts -> model/result-types.ts']);
	});
});
