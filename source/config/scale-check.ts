import type {RunConfig} from '../model/run-config.js';
import {engineKinds} from './engine-kinds.js';

/** What one unit of execution costs here (resident memory, measured by `npm run bench`). */
const unitMemoryBytes = {thread: 8 * 2 ** 20, process: 41 * 2 ** 20} as const;
/** Units beyond this many per core only queue for the cores: a likely mistake, not a study. */
const unitsPerCoreLimit = 4;
/** Share of the available memory a run may be expected to take. */
const memoryShareLimit = 0.8;

export type Capacity = {readonly cores: number; readonly availableMemoryBytes: number};

type Units = {readonly threads: number; readonly processes: number};

/** Units of execution each engine starts at once. */
function unitsOf(config: RunConfig): Units[] {
	return config.engines.map((engine) => engineKinds[engine].unitsAtOnce(config));
}

function gigabytes(bytes: number): string {
	return `${(bytes / 2 ** 30).toFixed(1)} GB`;
}

/**
 * Why a run is too big for this machine, in one sentence, or null: more units at once than
 * 4 x the cores, or an estimated memory above 80% of what is available. Both follow the
 * machine, so a 256-core server may run 512 processes. Sequential engines run one at a time
 * (the largest counts); in a race they add up.
 */
export function scaleConcern(config: RunConfig, capacity: Capacity): string | null {
	const perEngine = unitsOf(config);
	const combine = (pick: (units: Units) => number) =>
		config.mode === 'race' ? perEngine.reduce((sum, units) => sum + pick(units), 0) : Math.max(0, ...perEngine.map(pick));
	const units = combine((each) => each.threads + each.processes);
	const memory = combine((each) => each.threads * unitMemoryBytes.thread + each.processes * unitMemoryBytes.process);
	const threads = combine((each) => each.threads);
	const processes = combine((each) => each.processes);
	// Sequential engines run one after another: their pools never stand at once.
	const kinds = [threads > 0 ? `${threads} threads` : '', processes > 0 ? `${processes} processes` : ''].filter(Boolean);
	const what = config.mode === 'race' ? `${kinds.join(' and ')} at once` : kinds.join(', then ');
	const reasons: string[] = [];
	if (units > unitsPerCoreLimit * capacity.cores) reasons.push(`more than ${unitsPerCoreLimit} × the ${capacity.cores} cores`);
	const allowed = memoryShareLimit * capacity.availableMemoryBytes;
	if (memory > allowed) reasons.push(`about ${gigabytes(memory)} of memory, over 80% of the ${gigabytes(capacity.availableMemoryBytes)} available`);
	if (reasons.length === 0) return null;
	return `this run starts ${what}: ${reasons.join(', and ')}`;
}
