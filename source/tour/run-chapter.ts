import {RunBus} from '../bus/run-bus.js';
import {defaultRunConfig} from '../config/defaults.js';
import type {MachineInfo, RunResult} from '../model/result-types.js';
import type {RunConfig} from '../model/run-config.js';
import {runEngines} from '../orchestrator/run-engines.js';
import type {ChapterRun} from './chapter.js';

/** A chapter run's settings: the defaults on this machine's cores, then the chapter's own. */
function chapterConfig(run: ChapterRun, machine: MachineInfo): RunConfig {
	return {...defaultRunConfig(machine.cores), ...run.config};
}

/**
 * Runs a chapter's runs one after another, headless (the engines in their hosts, as a run from the
 * command line), and gives their result documents. `onResult` hears each as it ends.
 */
export async function runChapter(runs: readonly ChapterRun[], machine: MachineInfo, signal: AbortSignal, onResult: (result: RunResult, run: ChapterRun) => void = () => undefined): Promise<RunResult[]> {
	const results: RunResult[] = [];
	for (const run of runs) {
		if (signal.aborted) break;
		// eslint-disable-next-line no-await-in-loop -- a chapter's runs never share the cores
		const result = await runEngines(chapterConfig(run, machine), new RunBus(), machine, signal);
		results.push(result);
		onResult(result, run);
	}

	return results;
}
