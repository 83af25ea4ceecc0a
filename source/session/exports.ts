import {realpathSync} from 'node:fs';
import {chromeTrace} from '../report/chrome-trace.js';
import {jsonChunks} from '../report/json-chunks.js';
import type {RunResult} from '../model/result-types.js';
import {ExportError, ExportFile} from '../util/export-file.js';
import {UsageError} from '../util/usage-error.js';

export type ExportPaths = {readonly tracePath: string | null; readonly savePath: string | null};

function realPathOrNull(path: string): string | null {
	try {
		return realpathSync(path);
	} catch {
		return null;
	}
}

/**
 * Checks every export target named by the flags; a bad one is a UsageError before the run. Two
 * exports into one file would lose one of them, and an export onto the task module would replace
 * the user's code: both are refused.
 */
export function checkExportTargets({tracePath, savePath}: ExportPaths, modulePath: string | null = null): void {
	const trace = tracePath ? ExportFile.check('trace', tracePath) : null;
	const save = savePath ? ExportFile.check('save', savePath) : null;
	// A device (/dev/null) takes both; a file would keep only the second.
	if (trace && save && !trace.isDevice && trace.targetPath === save.targetPath) {
		throw new UsageError(`--save ${savePath} and --trace ${tracePath} name the same file; give each its own`);
	}

	const module = modulePath === null ? null : realPathOrNull(modulePath);
	for (const [flag, file] of [
		['trace', trace],
		['save', save],
	] as const) {
		if (file && module !== null && realPathOrNull(file.targetPath) === module) {
			throw new UsageError(`--${flag} ${file.path} is the task module; writing there would replace its code`);
		}
	}
}

/** The result document as `--json` prints it and `--save` writes it, in pieces. */
export function* resultDocument(result: RunResult): Generator<string> {
	yield* jsonChunks(result, 2);
	yield '\n';
}

export function writeTrace(path: string, result: RunResult): void {
	new ExportFile('trace', path).write(jsonChunks(chromeTrace(result)));
}

export function writeSave(path: string, result: RunResult): void {
	new ExportFile('save', path).write(resultDocument(result));
}

/**
 * Writes the run's exports named by the flags, the trace then the result document: each is tried
 * whatever happened to the other, and the ones that failed are one ExportError, each named.
 */
export function writeRunExports({tracePath, savePath}: ExportPaths, result: RunResult): void {
	const failures: string[] = [];
	const attempt = (write: () => void) => {
		try {
			write();
		} catch (error) {
			failures.push(error instanceof Error ? error.message : String(error));
		}
	};

	if (tracePath) attempt(() => writeTrace(tracePath, result));
	if (savePath) attempt(() => writeSave(savePath, result));
	if (failures.length > 0) throw new ExportError(failures.join('; '));
}
