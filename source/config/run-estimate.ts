import type {RunConfig} from '../model/run-config.js';
import {engineKinds} from './engine-kinds.js';
import {workloadKinds} from './workload-kinds.js';

/** Runs estimated longer than this (ms) are announced before they start. */
const longRunMs = 60_000;

/**
 * How long each engine should take, from the configuration alone (before anything is measured):
 * CPU-bound tasks share the cores (async: one after another on its thread; a pool: its units,
 * at most one per core), waiting tasks only their units. null for a task module, whose tasks'
 * length concur-tui does not know.
 */
export function estimatedEngineMs(config: RunConfig, cores: number): Array<{engine: RunConfig['engines'][number]; ms: number}> | null {
	if (config.workload === 'module') return null;
	const cpuBound = workloadKinds[config.workload].cpuBound;
	return config.engines.map((engine) => {
		const kind = engineKinds[engine];
		const atOnce = kind.isBaseline
			? cpuBound && !workloadKinds[config.workload].usesLibuvPool
				? 1
				: config.tasks
			: cpuBound
				? Math.min(config.pool, cores)
				: config.pool;
		return {engine, ms: Math.ceil(config.tasks / Math.max(1, atOnce)) * config.taskMs};
	});
}

function duration(ms: number): string {
	const seconds = Math.round(ms / 1000);
	if (seconds < 120) return `${seconds} s`;
	const minutes = Math.round(seconds / 60);
	return minutes < 120 ? `${minutes} min` : `${(minutes / 60).toFixed(1)} h`;
}

/** One sentence announcing a long run, or null for one under a minute (or of unknown length). */
export function longRunNotice(config: RunConfig, cores: number): string | null {
	const estimates = estimatedEngineMs(config, cores);
	if (!estimates) return null;
	const total = config.mode === 'race' ? Math.max(...estimates.map((each) => each.ms)) : estimates.reduce((sum, each) => sum + each.ms, 0);
	if (total <= longRunMs) return null;
	const longest = estimates.reduce((most, each) => (each.ms > most.ms ? each : most));
	return `this run should take about ${duration(total)} (${longest.engine} alone ${duration(longest.ms)}: ${config.tasks} tasks × ${config.taskMs} ms); fewer --tasks or a shorter --task-ms makes it quicker`;
}
