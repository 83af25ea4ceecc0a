// concur-tui sweep: pool sizes against speedup, fitted laws and a recommended pool, measured here
// (2 cores) and, on paper, on 256.
import {describe, expect, it} from 'vitest';
import type {RunResult} from '../source/model/result-types.js';
import {analyseSweep, defaultPoolSizes, type SweepDocument} from '../source/result/sweep-analysis.js';
import {usl} from '../source/result/scaling-fit.js';
import {sweepChart} from '../source/present/sweep-chart.js';
import {sweepSummary, sweepTable} from '../source/present/sweep-text.js';
import {otherLoadThresholdCores} from './helpers/busy-machine.js';
import {PtyScreen} from './helpers/pty-screen.js';
import {runCli} from './helpers/run-cli.js';
import {engineResult, runResult} from './helpers/dashboard-fixtures.js';

async function sweepJson(args: readonly string[]): Promise<SweepDocument> {
	const run = await runCli(['sweep', ...args, '--json']);
	expect(run.stderr).toBe('');
	return JSON.parse(run.stdout) as SweepDocument;
}

const pointsOf = (document: SweepDocument, engine: 'threads' | 'processes') => document.engines.find((each) => each.engine === engine)!.points;

describe('the sizes swept', () => {
	it('are 1, 2, 3, 4 on 2 cores and about 12 on 256, growing geometrically, up to twice the cores', () => {
		expect(defaultPoolSizes(2)).toEqual([1, 2, 3, 4]);
		expect(defaultPoolSizes(8)).toEqual([1, 2, 3, 4, 6, 8, 16]);
		expect(defaultPoolSizes(256)).toEqual([1, 2, 3, 4, 6, 8, 16, 32, 64, 128, 256, 512]);
	});
});

describe('a sweep on this machine', () => {
	// 2 units clearly beat 1 (1.5×; the ideal is 2): how close to 2 is the benchmark's to say (a CI
	// run of this suite measured 1.59 once, with nothing else on the machine but the suite).
	// Sizes, tasks and sentences follow the machine's cores. On a quiet machine 2 units give at
	// least 1.5 × one unit's speedup; where other programs skewed a size inside the cores (a busy
	// machine), the sweep must say so instead (its load rule), with the figures of that size.
	it('cpu, the default sizes: 2 units give at least 1.5 × the speedup of 1, the sizes past the cores are marked, or the load that skewed it is named', async () => {
		const document = await sweepJson(['-w', 'cpu', '-n', '12', '--task-ms', '60', '--runs', '2']);
		const {cores} = document;
		const sizes = defaultPoolSizes(cores);
		expect(document.sizes).toEqual(sizes);
		const summary = sweepSummary(document).join('\n');
		for (const engine of document.engines) {
			const points = engine.points;
			expect(points.map((point) => point.n)).toEqual(sizes);
			expect(points.filter((point) => point.oversubscribed).map((point) => point.n)).toEqual(sizes.filter((n) => n > cores));
			expect(points[0]!.roundsMs).toHaveLength(2);
			const skewed = points.filter((point) => point.skewed && point.n <= cores);
			if (skewed.length > 0) {
				for (const point of skewed) expect(point.otherLoadCores!).toBeGreaterThanOrEqual(otherLoadThresholdCores);
				expect(summary).toMatch(new RegExp(`^${engine.engine}: other programs used ${skewed[0]!.otherLoadCores!.toFixed(1)} cores at pool ${skewed[0]!.n}.*rest on skewed times`, 'm'));
				continue;
			}

			if (cores === 1) {
				expect(engine.recommendation?.pool).toBe(1);
				continue;
			}

			expect(points[1]!.speedup).toBeGreaterThanOrEqual(1.5 * points[0]!.speedup);
			// Amdahl fits the sizes inside the cores; the USL needs 3 of them.
			expect(engine.amdahl).not.toBeNull();
			const inside = sizes.filter((n) => n <= cores).length;
			if (inside < 3) expect(engine.fitNote).toBe(`too few points inside the ${cores} cores for the USL (${inside} of the 3 it needs)`);
			if (cores === 2) {
				expect(engine.recommendation?.pool).toBe(2);
				expect(engine.recommendation?.sentence).toMatch(/beyond 2 the 2 cores are full: 4 (threads|processes) on 2 cores took \d+\.\d\d s (longer|less) than 2/);
			} else {
				expect(engine.recommendation?.pool).toBeLessThanOrEqual(cores);
			}
		}

		expect(document.baseline).toMatchObject({engine: 'async', tasks: 12});
		expect(document.complete).toBe(true);
	});

	it('sleep: near-linear, even past the cores (waiting needs no core)', async () => {
		const document = await sweepJson(['-w', 'sleep', '--pools', '1,2,4', '-n', '8', '--task-ms', '150', '--runs', '1', '-e', 'threads']);
		const points = pointsOf(document, 'threads');
		expect(points.at(-1)!.n).toBe(4);
		expect(points.at(-1)!.speedup).toBeGreaterThan(2.8);
		expect(document.engines[0]!.recommendation?.pool).toBe(4);
	});

	it.runIf(process.platform === 'linux')('pinned to one core (--cpus 0): more threads never help, and 1 is the pool recommended', async () => {
		const document = await sweepJson(['--cpus', '0', '-w', 'cpu', '--pools', '1,2,4', '-n', '8', '--task-ms', '50', '--runs', '1', '-e', 'threads']);
		const points = pointsOf(document, 'threads');
		expect(document.cores).toBe(1);
		expect(points.filter((point) => point.oversubscribed).map((point) => point.n)).toEqual([2, 4]);
		expect(points.at(-1)!.speedup).toBeLessThan(1.2);
		expect(points.at(-1)!.parallelism).toBeLessThan(1.15);
		expect(document.engines[0]!.recommendation?.pool).toBe(1);
		expect(document.engines[0]!.fitNote).toBe('too few points inside the 1 core for the USL (1 of the 3 it needs) or Amdahl');
	});

	it('scaled work: the tasks grow with the pool', async () => {
		const document = await sweepJson(['-w', 'sleep', '--pools', '1,2', '--work', 'scaled', '-n', '2', '--task-ms', '100', '--runs', '1', '-e', 'processes']);
		expect(pointsOf(document, 'processes').map((point) => point.tasks)).toEqual([2, 4]);
		expect(pointsOf(document, 'processes')[1]!.speedup).toBeGreaterThan(1.6);
	});

	it('streams a line per size, then the table, the chart with its axes and the recommendation', async () => {
		const run = await runCli(['sweep', '-w', 'sleep', '--pools', '1,2', '-n', '4', '--task-ms', '50', '--runs', '1']);
		expect(run.code).toBe(0);
		expect(run.stdout).toMatch(/^concur-tui sweep · pools 1,2 · 4 tasks × 50(?:\.0)? ms at every size \(fixed work\)/);
		expect(run.stdout).toMatch(/^pool 1: threads \d+\.\d\d s \(1\.00×\), processes \d+\.\d\d s \(1\.00×\)$/m);
		expect(run.stdout).toMatch(/^pool +threads time +speedup +eff +∥/m);
		expect(run.stdout).toContain('pool size');
		expect(run.stdout).toMatch(/^threads: recommended pool \d/m);
	});

	it('--pools and --work belong to the sweep: elsewhere, one line and exit 2', async () => {
		const run = await runCli(['--pools', '1,2']);
		expect(run.code).toBe(2);
		expect(run.stderr).toBe('concur-tui: --pools belongs to concur-tui sweep (see concur-tui --help)\n');
		const bad = await runCli(['sweep', '--pools', '1,x']);
		expect(bad.code).toBe(2);
		expect(bad.stderr).toMatch(/^concur-tui: --pools must be a comma-separated list of pool sizes/);
	});
});

describe('a 256-core sweep, on paper', () => {
	// Points from a USL curve (α 0.02, β 0.0001: a peak near 99 units) measured on 256 cores.
	const sizes = defaultPoolSizes(256);
	const oneUnitMs = 100_000;
	const runs = sizes.map((n): {n: number; result: RunResult} => {
		const elapsedMs = oneUnitMs / usl(n, 0.02, 0.0001);
		const engine = engineResult('processes', elapsedMs, Math.min(n, 256) * 0.9);
		return {n, result: {...runResult, config: {...runResult.config, pool: n, tasks: 1024}, engines: [{...engine, spread: {rounds: 1, medianMs: elapsedMs, minMs: elapsedMs, maxMs: elapsedMs, outlierRounds: []}}]}};
	});
	const analysis = analyseSweep('processes', runs, 'fixed', 256);

	it('recovers the curve and recommends the smallest pool within 5% of the best', () => {
		expect(analysis.usl!.peakN).toBeGreaterThan(90);
		expect(analysis.usl!.peakN).toBeLessThan(110);
		const best = Math.max(...analysis.points.map((point) => point.speedup));
		const recommended = analysis.points.find((point) => point.n === analysis.recommendation!.pool)!;
		expect(recommended.speedup).toBeGreaterThanOrEqual(0.95 * best);
		expect(analysis.points.filter((point) => point.n < recommended.n).every((point) => point.speedup < 0.95 * best)).toBe(true);
		expect(analysis.recommendation!.pool).toBe(64);
	});

	it('draws every size on an 80-column chart and table, labelled, nothing wider', () => {
		const chart = sweepChart([analysis], {width: 79, height: 10, cores: 256, sizes, color: false});
		for (const line of chart) expect([...line].length).toBeLessThanOrEqual(79);
		const labels = chart.at(-2)!;
		for (const n of [1, 8, 64, 512]) expect(labels).toMatch(new RegExp(`\\b${n}\\b`));
		expect(chart.at(-1)).toContain('past the 256 cores (oversubscribed)');
		const table = sweepTable([analysis], sizes, 256);
		expect(table).toHaveLength(sizes.length + 1);
		for (const line of table) expect([...line].length).toBeLessThanOrEqual(79);
		expect(table.at(-1)).toMatch(/^512\*/);
	});
});

describe('the live sweep in a terminal', () => {
	it.each([
		[80, 24],
		[160, 48],
	])('%ix%i: the chart with labelled axes and the table, no line wider than the terminal; q exits', async (cols, rows) => {
		const screen = new PtyScreen(['sweep', '-w', 'sleep', '--pools', '1,2,4', '-n', '4', '--task-ms', '100', '--runs', '1', '--exit'], {cols, rows});
		try {
			const text = await screen.waitFor((shown) => shown.includes('done'), 60_000);
			const lines = text.split('\n');
			for (const line of lines) expect(line.length, text).toBeLessThan(cols);
			expect(text).toContain('pool size');
			expect(text).toMatch(/^ +\d+\.\d×/m);
			expect(text).toMatch(/^4\* /m);
			expect(text).toContain('recommended pool');
			expect(text).not.toContain('…');
			expect((await screen.exited).exitCode).toBe(0);
		} finally {
			screen.kill();
		}
	});
});

describe('the sweep under other programs\' load', () => {
	// Perfectly parallel work measured while other programs held one of the 2 cores at pool 2:
	// pool 2 took as long as pool 1 (the "1.00×, serial fraction 0.993, recommended pool 1").
	const full = {otherLoadCores: 1, coreSamples: [{t: 200, busy: [1, 1], ownCores: 1, engineCores: 1}]};
	const runs = [1, 2].map((n) => {
		const engine = engineResult('threads', 1000, 1, n === 2 ? full : {});
		return {n, result: {...runResult, config: {...runResult.config, pool: n}, engines: [{...engine, spread: {rounds: 1, medianMs: 1000, minMs: 1000, maxMs: 1000, outlierRounds: []}}]}};
	});
	const analysis = analyseSweep('threads', runs, 'fixed', 2);

	it('marks the skewed size, and says the recommendation and the fits rest on it, before the recommendation', () => {
		expect(analysis.points.map((point) => point.skewed)).toEqual([false, true]);
		expect(sweepTable([analysis], [1, 2], 2)[2]).toMatch(/1\.00 s ~/);
		const document = {engines: [analysis], baseline: null, cores: 2, config: runResult.config, work: 'fixed' as const};
		const [first] = sweepSummary(document);
		expect(first).toMatch(/^threads: other programs used 1\.0 cores at pool 2 while the cores were full \(times marked ~\): the recommendation and the fits rest on skewed times; run it again on a quieter machine$/);
	});

	it('says nothing of load on a quiet sweep', () => {
		const quiet = analyseSweep('threads', runs.slice(0, 1), 'fixed', 2);
		expect(sweepSummary({engines: [quiet], baseline: null, cores: 2, config: runResult.config, work: 'fixed'}).join('\n')).not.toContain('other programs');
	});
});
