import type {RunResult} from '../model/result-types.js';
import {safeText} from '../util/safe-text.js';
import {UsageError} from '../util/usage-error.js';

/** Fields a saved run must have for its report, each checked where it lives. */
const documentFields = ['runId', 'machine', 'config', 'engines', 'rounds', 'complete', 'verdict'] as const;
const engineFields = ['engine', 'elapsedMs', 'cpuMs', 'parallelism', 'coresUsed', 'complete', 'lanes', 'tasks', 'spread'] as const;

const numberFields = ['elapsedMs', 'cpuMs', 'parallelism'] as const;
const listFields = ['lanes', 'tasks'] as const;
/** Settings a document of schema 2 may lack: it was saved before they existed. */
const savedLater = {netPort: null, uvThreads: null, taskArg: null} as const;

const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
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
		const record = engine as Record<string, unknown>;
		const wrong = numberFields.find((field) => !isFiniteNumber(record[field])) ?? listFields.find((field) => !Array.isArray(record[field]));
		if (wrong) throw new UsageError(`${name}: engines[${index}].${wrong} is ${JSON.stringify(record[wrong]) ?? 'undefined'}, not what concur-tui writes there`);
		const {throttling} = record;
		const throttlingFields = ['quotaCores', 'periods', 'throttledPeriods', 'throttledMs'] as const;
		if (throttling !== undefined && throttling !== null && !(isRecord(throttling) && throttlingFields.every((field) => isFiniteNumber(throttling[field])))) {
			throw new UsageError(`${name}: engines[${index}].throttling is not the quota's throttling concur-tui writes (${throttlingFields.join(', ')})`);
		}
	}

	if (!isRecord(parsed.machine) || !isFiniteNumber(parsed.machine.cores)) throw new UsageError(`${name}: "machine" is not the machine concur-tui describes (its cores)`);
	if (!isRecord(parsed.config) || !Number.isInteger(parsed.config.tasks) || (parsed.config.tasks as number) < 1) throw new UsageError(`${name}: "config" is not a run's settings (its tasks)`);
	const safe = madeSafe(parsed) as RunResult;
	// Settings added to schema 2 later are absent from older documents: none was given then.
	return {...safe, config: {...savedLater, ...safe.config}};
}
