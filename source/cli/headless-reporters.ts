import type {RunBus} from '../bus/run-bus.js';
import {chromeTrace} from '../report/chrome-trace.js';
import {textReport} from '../report/text-report.js';
import {writeFileAtomic} from '../util/atomic-write.js';
import type {CliOptions} from './parse-flags.js';

/** Subscribes the headless outputs (JSON, text report, trace file) to the end of the run. */
export function subscribeHeadlessReporters(bus: RunBus, options: CliOptions, write: (text: string) => void): void {
	bus.on('run:end', ({result}) => {
		if (options.tracePath) writeFileAtomic(options.tracePath, JSON.stringify(chromeTrace(result)));
		if (options.savePath) writeFileAtomic(options.savePath, `${JSON.stringify(result, null, 2)}\n`);
		write(options.json ? `${JSON.stringify(result, null, 2)}\n` : textReport(result));
	});
}
