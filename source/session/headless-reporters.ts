import type {RunBus} from '../bus/run-bus.js';
import type {EngineName} from '../model/run-config.js';
import {engineEndLine, reportBody, reportHeader} from '../report/text-report.js';
import {resultDocument, writeRunExports, type ExportPaths} from './exports.js';

/**
 * Subscribes the headless outputs. The text report streams: its header as the run starts and a
 * line as each engine ends (someone reading a pipe sees progress, and a reader that went away,
 * `| head -1`, is noticed at the next line instead of at the end), the rest once the run is over.
 * The JSON document comes whole at the end. Either goes out before the export files: a failed
 * export must not cost the user the result.
 */
export function subscribeHeadlessReporters(bus: RunBus, options: ExportPaths & {readonly json: boolean}, write: (text: string) => void): void {
	if (!options.json) streamProgress(bus, write);
	bus.on('run:end', ({result}) => {
		if (options.json) for (const chunk of resultDocument(result)) write(chunk);
		else write(reportBody(result));
		writeRunExports(options, result);
	});
}

function streamProgress(bus: RunBus, write: (text: string) => void): void {
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
	bus.on('engine:end', ({engine, t, error}) => {
		const elapsedMs = t - (started.get(engine) ?? t);
		write(`${engineEndLine(engine, {elapsedMs, ok: ok.get(engine) ?? 0, total: tasks, error, round})}\n`);
	});
}
