import type {RunBus} from '../bus/run-bus.js';
import {textReport} from '../report/text-report.js';
import {resultDocument, writeRunExports, type ExportPaths} from './exports.js';

/**
 * Subscribes the headless outputs to the end of the run: the JSON document or the text report
 * first (a failed export must not cost the user the result), then the export files.
 */
export function subscribeHeadlessReporters(bus: RunBus, options: ExportPaths & {readonly json: boolean}, write: (text: string) => void): void {
	bus.on('run:end', ({result}) => {
		if (options.json) for (const chunk of resultDocument(result)) write(chunk);
		else write(textReport(result));
		writeRunExports(options, result);
	});
}
