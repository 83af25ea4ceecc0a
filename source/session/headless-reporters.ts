import type {RunBus} from '../bus/run-bus.js';
import {engineElapsedMs} from '../run-model/engine-state.js';
import type {RunModel} from '../run-model/run-model.js';
import {engineEndLine, reportBody, reportHeader} from '../report/text-report.js';
import {writeWaitingForDrain} from '../util/text-pieces.js';
import {resultDocument, writeRunExports, type ExportPaths} from './exports.js';

/**
 * Subscribes the headless outputs. The text report streams: its header as the run starts and a
 * line as each engine ends (someone reading a pipe sees progress, and a reader that went away,
 * `| head -1`, is noticed at the next line instead of at the end), the rest once the run is over.
 * The JSON document comes whole at the end. An engine that waits on its stopped process says so
 * on stderr at once. The progress lines read the run model (subscribed to the bus first), as the
 * table and the JSON do. Either goes out before the export files: a failed
 * export must not cost the user the result.
 */
export function subscribeHeadlessReporters(
	bus: RunBus,
	model: RunModel,
	options: ExportPaths & {readonly json: boolean},
	out: NodeJS.WritableStream,
	asText: (text: string) => string = (text) => text,
): {readonly written: () => Promise<void>} {
	const write = (text: string) => out.write(asText(text));
	if (!options.json) streamProgress(bus, model, write);
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

function streamProgress(bus: RunBus, model: RunModel, write: (text: string) => unknown): void {
	bus.on('run:start', ({config, machine}) => {
		write(`${reportHeader(config, machine)}\n`);
	});
	bus.on('engine:end', ({engine, error}) => {
		const state = model.engine(engine);
		const {round, rounds} = model.currentRound();
		write(`${engineEndLine(engine, {elapsedMs: engineElapsedMs(state), ok: state.done - state.failed, total: model.start?.config.tasks ?? 0, error, round: rounds > 1 ? `round ${round + 1}/${rounds} · ` : ''})}\n`);
	});
}
