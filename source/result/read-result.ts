import type {RunResult} from '../model/result-types.js';
import {safeText} from '../util/safe-text.js';
import {UsageError} from '../util/usage-error.js';

/** Fields a saved run must have for its report, each checked where it lives. */
const documentFields = ['runId', 'machine', 'config', 'engines', 'rounds', 'complete', 'verdict'] as const;
const engineFields = ['engine', 'elapsedMs', 'cpuMs', 'parallelism', 'coresUsed', 'complete', 'lanes', 'tasks', 'spread'] as const;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Every string in a parsed document made safe to show: a file is untrusted input, as a task's text is. */
function madeSafe(value: unknown): unknown {
	if (typeof value === 'string') return safeText(value);
	if (Array.isArray(value)) return value.map((item) => madeSafe(item));
	if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, madeSafe(item)]));
	return value;
}

/**
 * A result document saved by `--save` or `--json`, read back. What cannot be one gets one line
 * saying why (a UsageError): not JSON, another schema, or a field the report needs missing.
 */
export function readResultDocument(text: string, name: string): RunResult {
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch (error) {
		throw new UsageError(`${name} is not JSON (${error instanceof Error ? error.message : String(error)})`);
	}

	if (!isRecord(parsed) || !('schema' in parsed)) throw new UsageError(`${name} is not a concur-tui result document (no "schema" field)`);
	if (parsed.schema !== 2) throw new UsageError(`${name} is a result document of schema ${JSON.stringify(parsed.schema)}; this concur-tui reads schema 2`);
	const missing = documentFields.find((field) => !(field in parsed));
	if (missing) throw new UsageError(`${name} lacks "${missing}", which its report needs`);
	if (!Array.isArray(parsed.engines) || parsed.engines.length === 0) throw new UsageError(`${name} has no engine results`);
	for (const [index, engine] of (parsed.engines as unknown[]).entries()) {
		const lacking = isRecord(engine) ? engineFields.find((field) => !(field in engine)) : 'an object';
		if (lacking) throw new UsageError(`${name}: engines[${index}] lacks "${lacking}", which its report needs`);
	}

	return madeSafe(parsed) as RunResult;
}
