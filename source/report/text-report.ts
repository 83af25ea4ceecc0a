import {engineKinds, engineTitle} from '../config/engine-kinds.js';
import type {EngineName, RunConfig} from '../model/run-config.js';
import {engineFigures} from '../present/engine-figures.js';
import {problemsOf} from '../present/problems.js';
import {machineLine, runFacts} from '../present/run-description.js';
import {milliseconds, seconds} from '../result/format.js';
import type {EngineResult, MachineInfo, RunResult} from '../model/result-types.js';
import {plainTable} from '../present/plain-table.js';
import {netLines} from '../present/net-lines.js';
import {threadLines} from '../present/thread-lines.js';
import {laneLabel, laneRow} from './text-timeline.js';
import {analogyLines, differenceRows} from '../result/lesson.js';

const timelineCells = 60;
/** Beyond this many lanes an engine's timeline shows the busiest ones and a count of the rest. */
const maxLanesShown = 16;

/** The report's first lines: the run and the machine (printed as the run starts when streamed). */
export function reportHeader(config: RunConfig, machine: MachineInfo): string {
	return [['concur-tui', ...runFacts(config, machine, true)].join(' · '), machineLine(machine)].join('\n');
}

/** One engine's end, as a line the moment it happens: how many tasks ended well, how long it took, why it stopped. */
export function engineEndLine(engine: EngineName, facts: {readonly elapsedMs: number; readonly ok: number; readonly total: number; readonly error: string | null; readonly round: string}): string {
	const tasks = `${facts.ok} of ${facts.total} tasks ok`;
	const outcome = facts.error ? `stopped after ${seconds(facts.elapsedMs)}: ${facts.error}; ${tasks}` : `${tasks} in ${seconds(facts.elapsedMs)}`;
	return `${facts.round}${engine}: ${outcome}`;
}

function engineTimeline(engine: EngineResult, msPerCell: number, labelWidth: number, threads: RunConfig['threads']): string[] {
	const lines = [`${engineTitle(engine.engine, threads)}  ${seconds(engine.elapsedMs)}${engine.complete ? '' : '  (incomplete)'}`];
	if (engine.error) lines.push(`  stopped: ${engine.error}`);
	// Lanes in the order they were first used; those that never ran a task fold into one line.
	const firstStart = new Map<number, number>();
	for (const task of engine.tasks) {
		if (task.lane === null || task.startMs === null) continue;
		firstStart.set(task.lane, Math.min(firstStart.get(task.lane) ?? Number.POSITIVE_INFINITY, task.startMs));
	}

	const used = engine.lanes.filter((lane) => firstStart.has(lane.id)).sort((a, b) => firstStart.get(a.id)! - firstStart.get(b.id)!);
	const idle = engine.lanes.length - used.length;
	const lanes = used.slice(0, maxLanesShown);
	for (const lane of lanes) {
		const span = laneRow(
			engine.tasks.filter((task) => task.lane === lane.id),
			timelineCells,
			msPerCell,
			engine.elapsedMs,
		);
		const atOnce = span.maxAtOnce === 1 ? '1 at a time' : `up to ${span.maxAtOnce} at once`;
		lines.push(`  ${laneLabel(lane).padEnd(labelWidth)} │${span.row}│ ${span.taskCount === 1 ? '1 task' : `${span.taskCount} tasks`}, ${atOnce}`);
	}

	if (used.length > lanes.length) lines.push(`  … and ${used.length - lanes.length} more lanes`);
	if (idle > 0) {
		const why = engine.lanes.length > engine.tasks.length ? `: the pool has ${engineKinds[engine.engine].unitsText(engine.lanes.length)} for ${engine.tasks.length} tasks` : '';
		lines.push(`  ${idle} idle ${idle === 1 ? 'lane' : 'lanes'}${why}`);
	}

	return lines;
}

/** Lines set apart by an empty line before them, or none. */
function withGap(lines: readonly string[]): string[] {
	return lines.length > 0 ? ['', ...lines] : [];
}

function resultsTable(result: RunResult): string[] {
	const figures = engineFigures(result);
	// With rounds: the median round's figures, and the range of the elapsed times beside them.
	const withRounds = figures.some((each) => each.elapsedRange !== '');
	const table = plainTable(
		['engine', 'elapsed', ...(withRounds ? ['range'] : []), 'speedup', ...(withRounds ? ['range'] : []), 'parallelism', 'cores used', 'CPU time', 'peak memory', 'start-up', 'loop lag max'],
		figures.map((each) => [
			each.engine + (each.complete ? '' : '*') + (each.skewed ? '!' : ''),
			each.elapsed,
			...(withRounds ? [each.elapsedRange] : []),
			each.speedup,
			...(withRounds ? [each.speedupRange || '–'] : []),
			each.parallelism,
			each.coresUsed,
			each.cpuTime,
			each.peakMemory,
			each.startup,
			each.loopLagMax,
		]),
	);
	const rounds = result.rounds.length;
	const outliers = problemsOf(result).outliers.map(({text}) => text);
	return [
		...table,
		...(withRounds ? [`Medians of ${rounds} rounds, run in rotating order (${result.rounds.map((round) => round.order.join(' ')).join(' · ')}).`] : []),
		...outliers.map((text) => `Outlier: ${text}.`),
	];
}

/** The note's Differences table for this run, then each model's analogy tied to what it showed. */
function noteTable(result: RunResult): string[] {
	const rows = result.differences ?? differenceRows(result);
	if (rows.length === 0) return [];
	const table = plainTable(
		['model', 'level', 'needs multiple cores?', 'needs multiple threads?', 'JS threads', 'OS threads'],
		rows.map((row) => [row.model, row.level, row.needsMultipleCores, row.needsMultipleThreads, String(row.jsThreads), row.osThreads === null ? '–' : String(row.osThreads)]),
	);
	return ['', 'The note\'s differences (shared/seed), and what this run showed of each:', ...table, ...analogyLines(result)];
}

function failures(result: RunResult): string[] {
	const {failed, skewed, throttled} = problemsOf(result);
	const load = [...skewed, ...throttled].map(({text}) => `Note: ${text}.`);
	const lines = failed.map(({engine, id, reason, round}) => `  ${round === undefined ? '' : `round ${round}: `}${engine} task ${id}: ${reason}`);
	return [...(load.length > 0 ? ['', ...load] : []), ...(lines.length > 0 ? ['', `Failed tasks (${lines.length}):`, ...lines.slice(0, 20)] : [])];
}


/** The report after its header: the timelines, the results table, failures and the verdict. */
export function reportBody(result: RunResult): string {
	const longest = Math.max(1, ...result.engines.map((engine) => engine.elapsedMs));
	const msPerCell = longest / timelineCells;
	const labelWidth = Math.max(...result.engines.flatMap((engine) => engine.lanes.map((lane) => laneLabel(lane).length)), 10);
	return [
		'',
		`Timeline: one column = ${milliseconds(msPerCell)}, each engine from its own start; █▓ tasks one after another, ▒ several at once, x failed`,
		...result.engines.flatMap((engine) => engineTimeline(engine, msPerCell, labelWidth, result.config.threads)),
		'',
		...resultsTable(result),
		...withGap(netLines(result)),
		...withGap(threadLines(result)),
		...noteTable(result),
		...failures(result),
		'',
		`Verdict: ${result.verdict}`,
		'',
	].join('\n');
}

/**
 * The plain report of a saved run, as the run printed it: its header, a line per engine (its
 * median round when there were several) and the body.
 */
export function savedRunReport(result: RunResult): string {
	const rounds = result.rounds.length;
	// An engine the run never started had no line: an interrupted run stopped before it.
	const lines = result.engines.filter((engine) => engine.hostPid !== null).map((engine) =>
		engineEndLine(engine.engine, {
			elapsedMs: engine.elapsedMs,
			ok: engine.tasks.filter((task) => task.ok).length,
			total: result.config.tasks,
			error: engine.error,
			round: rounds > 1 ? `median of ${rounds} rounds · ` : '',
		}),
	);
	return [reportHeader(result.config, result.machine), ...lines, reportBody(result)].join('\n');
}
