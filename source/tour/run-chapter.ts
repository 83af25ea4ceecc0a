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

/** How a run is made: headless by default; at a terminal, the tour draws it in the dashboard. Null: no result (stopped). */
export type RunMaker = (config: RunConfig, machine: MachineInfo, signal: AbortSignal) => Promise<RunResult | null>;

/** A run with no screen: the engines in their hosts, as a run from the command line with --json. */
const headlessRun: RunMaker = async (config, machine, signal) => runEngines(config, new RunBus(), machine, signal);

/** Runs a chapter's runs one after another (`onRun` told as each begins) and gives their result documents (fewer when stopped). */
export async function runChapter(runs: readonly ChapterRun[], machine: MachineInfo, signal: AbortSignal, makeRun: RunMaker = headlessRun, onRun: (run: ChapterRun) => void = () => undefined): Promise<RunResult[]> {
	const results: RunResult[] = [];
	for (const run of runs) {
		if (signal.aborted) break;
		onRun(run);
		// eslint-disable-next-line no-await-in-loop -- a chapter's runs never share the cores
		const result = await makeRun(chapterConfig(run, machine), machine, signal);
		if (!result) break;
		results.push(result);
	}

	return results;
}
