// A local ESLint plugin that keeps concur-tui's layers apart, at any folder depth:
// - layers/allowed-imports: a file in source/<layer>/ imports only from the layers below it;
// - layers/no-cycle: no chain of imports (type-only ones too) leads back to the file.
// Data flows one way: engines -> bus -> store -> ui, with model/ (imports nothing) under all.
import {existsSync, readdirSync, readFileSync} from 'node:fs';
import {dirname, join, relative, resolve, sep} from 'node:path';

export const sourceRoot = resolve(import.meta.dirname, '..', 'source');

/** What each layer of source/ may import, besides itself. cli/ and source/cli.ts may import all. */
export const allowedLayers = {
	model: [],
	util: ['model'],
	types: [],
	config: ['model', 'util'],
	measure: ['model', 'util', 'config'],
	workloads: ['model', 'util', 'config', 'measure'],
	engines: ['model', 'util', 'config', 'measure', 'workloads'],
	bus: ['model', 'util'],
	'run-model': ['model', 'util', 'config', 'bus'],
	'delay-server': ['model', 'util', 'measure'],
	result: ['model', 'util', 'config', 'run-model'],
	present: ['model', 'util', 'config', 'result'],
	report: ['model', 'util', 'config', 'result', 'present'],
	store: ['model', 'util', 'config', 'run-model', 'result'],
	orchestrator: ['model', 'util', 'config', 'measure', 'bus', 'run-model', 'result', 'engines', 'delay-server'],
	session: ['model', 'util', 'config', 'measure', 'bus', 'run-model', 'result', 'present', 'report', 'store', 'orchestrator'],
	ui: ['model', 'util', 'config', 'store', 'result', 'present'],
	tour: ['model', 'util', 'config', 'measure', 'bus', 'run-model', 'result', 'present', 'orchestrator'],
};

/** The only engine files the orchestrator may see: what crosses to a host process. */
const orchestratorMayImport = new Set(['engines/host/host-protocol.ts', 'engines/host/engine-plan.ts']);

/** The layer of a file under source/ ('cli' for source/cli.ts), or undefined outside it. */
function layerOf(file) {
	const path = relative(sourceRoot, file);
	if (path.startsWith('..')) return undefined;
	const [first, ...rest] = path.split(sep);
	return rest.length === 0 ? 'cli' : first;
}

/** The source file an import specifier names, from the importing file. */
function resolveImport(fromFile, specifier) {
	if (!specifier.startsWith('.')) return undefined;
	const target = resolve(dirname(fromFile), specifier);
	for (const candidate of [target.replace(/\.js$/, '.ts'), target.replace(/\.js$/, '.tsx'), target]) {
		if (existsSync(candidate)) return candidate;
	}

	return target.replace(/\.js$/, '.ts');
}

const importPattern = /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function importsInText(file, text) {
	const found = [];
	for (const match of text.matchAll(importPattern)) {
		const target = resolveImport(file, match[1] ?? match[2]);
		if (target) found.push(target);
	}

	return found;
}

let graph;
/** Every source file and what it imports, read once per lint run. */
function sourceGraph() {
	if (graph) return graph;
	graph = new Map();
	const walk = (folder) => {
		for (const entry of readdirSync(folder, {withFileTypes: true})) {
			const path = join(folder, entry.name);
			if (entry.isDirectory()) walk(path);
			else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) graph.set(path, importsInText(path, readFileSync(path, 'utf8')));
		}
	};

	walk(sourceRoot);
	return graph;
}

function specifiersOf(node) {
	if (node.type === 'ImportExpression') return node.source.type === 'Literal' ? [node.source] : [];
	return node.source ? [node.source] : [];
}

const allowedImports = {
	meta: {type: 'problem', docs: {description: 'A layer of source/ imports only the layers below it.'}, schema: []},
	create(context) {
		const file = resolve(context.filename);
		const layer = layerOf(file);
		if (layer === undefined || layer === 'cli') return {};
		const allowed = allowedLayers[layer];
		const check = (node) => {
			for (const source of specifiersOf(node)) {
				const target = resolveImport(file, String(source.value));
				if (!target) continue;
				const targetLayer = layerOf(target);
				if (targetLayer === undefined || targetLayer === layer) continue;
				const path = relative(sourceRoot, target).split(sep).join('/');
				if (layer === 'orchestrator' && targetLayer === 'engines' && !orchestratorMayImport.has(path)) {
					context.report({node: source, message: `orchestrator/ may see only the host protocol of engines/ (${[...orchestratorMayImport].join(', ')}), not ${path}.`});
				} else if (allowed === undefined || !allowed.includes(targetLayer)) {
					context.report({node: source, message: `${layer}/ may import only ${allowed?.length ? allowed.join(', ') : 'nothing from source/'}; not ${path}.`});
				}
			}
		};

		return {ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check};
	},
};

const noCycle = {
	meta: {type: 'problem', docs: {description: 'No chain of imports inside source/ leads back to the importing file.'}, schema: []},
	create(context) {
		const file = resolve(context.filename);
		if (layerOf(file) === undefined) return {};
		return {
			'Program:exit'() {
				const modules = sourceGraph();
				const own = importsInText(file, context.sourceCode.getText());
				for (const start of own) {
					// Breadth-first from each import: a path back to this file is a cycle.
					const cameFrom = new Map([[start, file]]);
					const queue = [start];
					while (queue.length > 0) {
						const current = queue.shift();
						if (current === file) {
							const chain = [file];
							for (let step = cameFrom.get(file); step !== file; step = cameFrom.get(step)) chain.unshift(step);
							chain.unshift(file);
							const names = chain.map((path) => relative(sourceRoot, path).split(sep).join('/'));
							context.report({loc: {line: 1, column: 0}, message: `import cycle: ${names.join(' -> ')}`});
							return;
						}

						for (const next of modules.get(current) ?? []) {
							if (!cameFrom.has(next)) {
								cameFrom.set(next, current);
								queue.push(next);
							}
						}
					}
				}
			},
		};
	},
};

export default {rules: {'allowed-imports': allowedImports, 'no-cycle': noCycle}};
