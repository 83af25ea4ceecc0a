import {chromeTrace} from '../report/chrome-trace.js';
import {jsonChunks} from '../report/json-chunks.js';
import type {RunResult} from '../model/result-types.js';
import {ExportFile} from '../util/export-file.js';

export type ExportPaths = {readonly tracePath: string | null; readonly savePath: string | null};

/** Checks every export target named by the flags; a bad one is a UsageError before the run. */
export function checkExportTargets({tracePath, savePath}: ExportPaths): void {
	if (tracePath) ExportFile.check('trace', tracePath);
	if (savePath) ExportFile.check('save', savePath);
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

/** Writes the run's exports named by the flags: the trace, then the result document. */
export function writeRunExports({tracePath, savePath}: ExportPaths, result: RunResult): void {
	if (tracePath) writeTrace(tracePath, result);
	if (savePath) writeSave(savePath, result);
}
