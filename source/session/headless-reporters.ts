import type {RunBus} from '../bus/run-bus.js';
import type {EngineName} from '../model/run-config.js';
import {engineEndLine, reportBody, reportHeader} from '../report/text-report.js';
import {writeWaitingForDrain} from '../util/text-pieces.js';
import {resultDocument, writeRunExports, type ExportPaths} from './exports.js';

/**
 * Subscribes the headless outputs. The text report streams: its header as the run starts and a
 * line as each engine ends (someone reading a pipe sees progress, and a reader that went away,
 * `| head -1`, is noticed at the next line instead of at the end), the rest once the run is over.
 * The JSON document comes whole at the end. An engine that waits on its stopped process says so
 * on stderr at once. Either goes out before the export files: a failed
 * export must not cost the user the result.
 */
export function subscribeHeadlessReporters(
	bus: RunBus,
	options: ExportPaths & {readonly json: boolean},
	out: NodeJS.WritableStream,
	asText: (text: string) => string = (text) => text,
): {readonly written: () => Promise<void>} {
	const write = (text: string) => out.write(asText(text));
	if (!options.json) streamProgress(bus, write);
	// Why the run waits, the moment it does (stdout may be a JSON document): one line each time.
	bus.on('engine:held', ({engine, why}) => {
		if (why !== null) process.stderr.write(asText(`concur-tui: ${engine}: ${why}\n`));
	});
	let written = Promise.resolve();
	bus.on('run:end', ({result}) => {
		written = (async () => {
			// The document can be 100 MB: a pipe read slowly makes it wait, not pile up.
			if (options.json) await writeWaitingForDrain(out, resultDocument(result));
			else write(reportBody(result));
			writeRunExports(options, result);
		})();
	});
	return {written: async () => written};
}

function streamProgress(bus: RunBus, write: (text: string) => unknown): void {
	let tasks = 0;
	let round = '';
	const started = new Map<EngineName, number>();
	const ok = new Map<EngineName, number>();
	bus.on('run:start', ({config, machine}) => {
		tasks = config.tasks;
		write(`${reportHeader(config, machine)}\n`);
	});
	bus.on('round:start', ({round: index, rounds}) => {
		round = rounds > 1 ? `round ${index + 1}/${rounds} · ` : '';
	});
	bus.on('engine:start', ({engine, t}) => {
		started.set(engine, t);
		ok.set(engine, 0);
	});
	bus.on('task:end', (event) => {
		if (event.ok) ok.set(event.engine, (ok.get(event.engine) ?? 0) + 1);
	});
	bus.on('engine:end', ({engine, t, error, measurements}) => {
		// The host's own measurement, as the table and the JSON give it: one elapsed per engine.
		const elapsedMs = measurements?.elapsedMs ?? t - (started.get(engine) ?? t);
		write(`${engineEndLine(engine, {elapsedMs, ok: ok.get(engine) ?? 0, total: tasks, error, round})}\n`);
	});
}
