// Components and row builders, rendered inside fixed-width boxes as a terminal would show them.
import {stripVTControlCharacters} from 'node:util';
import {Box} from 'ink';
import {render} from 'ink-testing-library';
import stringWidth from 'string-width';
import {describe, expect, it} from 'vitest';
import {EnginePanel} from '../source/ui/panel/engine-panel.js';
import {hardwareStripLine} from '../source/ui/hardware-strip.js';
import {computeLayout, panelGeometry} from '../source/ui/layout.js';
import {fitProblems, problemLines, ResultView} from '../source/ui/result-view.js';
import {taskCells} from '../source/ui/timeline/task-rows.js';
import {laneCells} from './helpers/lane-cells.js';
import {config, engineResult, engineView, lane, machine, runResult, task} from './helpers/dashboard-fixtures.js';
import {RunStore} from '../source/store/run-store.js';
import {headerLine} from '../source/ui/header-line.js';
import {netLines} from '../source/present/net-lines.js';
import type {RunConfig} from '../source/model/run-config.js';

const scale = {axisMs: 1000, cells: 20};
const text = (cells: {chars: string[]}) => cells.chars.join('');

describe('a task bar', () => {
	it('is empty at 0%, half the axis at 50%, the whole axis at 100%', () => {
		expect(text(taskCells(task(0, {state: 'running', startMs: 0, endMs: null, progress: 0}), scale, 0)).trim()).toBe('');
		expect(text(taskCells(task(0, {state: 'running', startMs: 0, endMs: null}), scale, 500))).toBe(`${'█'.repeat(10)}${' '.repeat(10)}`);
		expect(text(taskCells(task(0, {startMs: 0, endMs: 1000}), scale, 1000))).toBe('█'.repeat(20));
	});

	it('ends in a partial cell, so short runs still read', () => {
		expect(text(taskCells(task(0, {startMs: 0, endMs: 125}), scale, 125))).toBe(`██▌${' '.repeat(17)}`);
		expect(text(taskCells(task(0, {startMs: 0, endMs: 2}), scale, 2))[0]).toBe('▏');
	});

	it('shows the wait for a unit before the task started', () => {
		expect(text(taskCells(task(0, {startMs: 250, endMs: 500}), scale, 500))).toBe(`░░░░░█████${' '.repeat(10)}`);
		expect(text(taskCells(task(0, {state: 'queued', startMs: null, endMs: null}), scale, 300))).toBe(`░░░░░░${' '.repeat(14)}`);
	});
});

describe('a lane of consecutive tasks', () => {
	it('alternates colours between consecutive tasks, without false overlaps at their boundaries', () => {
		const cells = laneCells([task(0, {startMs: 0, endMs: 250}), task(1, {startMs: 250, endMs: 500}), task(2, {startMs: 500, endMs: 750})], scale, 750);
		expect(text(cells)).toBe(`${'█'.repeat(5)}${'▓'.repeat(5)}${'█'.repeat(5)}${' '.repeat(5)}`);
		expect(cells.colors.slice(0, 15)).toEqual([...Array(5).fill('doneA'), ...Array(5).fill('doneB'), ...Array(5).fill('doneA')]);
	});

	it('marks moments when several tasks ran at once', () => {
		const cells = laneCells([task(0, {startMs: 0, endMs: 500}), task(1, {startMs: 250, endMs: 500})], scale, 500);
		expect(text(cells)).toBe(`█████▒▒▒▒▒${' '.repeat(10)}`);
	});

	it('still marks tasks shorter than a cell', () => {
		const cells = laneCells([task(0, {startMs: 10, endMs: 11}), task(1, {startMs: 510, endMs: 512})], scale, 600);
		expect(text(cells).trim()).toBe(`▏${' '.repeat(9)}▏`);
	});
});

describe('an engine panel', () => {
	it('shows its title with live figures and one row per task when they fit', () => {
		const view = engineView({
			tasks: [task(0, {lane: 0}), task(1, {lane: 1}), task(2, {lane: 0, state: 'running', endMs: null, progress: 0.42}), task(3, {lane: null, state: 'queued', startMs: null, endMs: null})],
			done: 2,
		});
		const {lastFrame} = render(
			<Box width={70}>
				<EnginePanel view={view} axisMs={1000} panel={panelGeometry(70, [], false)} rows={8} />
			</Box>,
		);
		const frame = lastFrame()!;
		expect(frame).toContain('Many-thread · worker pool  0.40 s  2/4  ∥ 1.90');
		expect(frame).toContain('one process, pid 100 · T1 tid 200 core 0 · T2 tid 201 core 0');
		expect(frame).toMatch(/T1 #0 +█+/);
		expect(frame).toMatch(/T1 #2 +░+█+[▏▎▍▌▋▊▉]? +42%/);
		expect(frame).toMatch(/·· #3 +░+/);
		expect(frame.split('\n')).toHaveLength(8);
	});

	it('says at once why the last task failed, and first why the engine stopped if it did', () => {
		const frameOf = (patch: Parameters<typeof engineView>[0]) =>
			render(
				<Box width={120}>
					<EnginePanel view={engineView(patch)} axisMs={1000} panel={panelGeometry(120, [], false)} rows={4} />
				</Box>,
			).lastFrame()!;
		expect(frameOf({failed: 2, lastFailure: '#3 timed out after 300 ms'})).toContain('2 failed, last #3 timed out after 300 ms');
		expect(frameOf({phase: 'failed', error: 'out of memory', failed: 1, lastFailure: '#1 boom'})).toContain('out of memory  1 failed, last #1 boom');
	});

	it('says what --timeout does on its engine: only async leaves stopping to the task', () => {
		const frameOf = (engine: 'async' | 'threads' | 'processes') =>
			render(
				<Box width={100}>
					<EnginePanel view={engineView({engine, tasks: [task(0, {lane: 0})], done: 1})} axisMs={1000} panel={panelGeometry(100, [], false)} rows={4} timeoutMs={300} />
				</Box>,
			).lastFrame()!;
		expect(frameOf('async')).toContain('timeout 300 ms: signal only, cooperative · ');
		expect(frameOf('threads')).toContain('timeout 300 ms: late threads stopped · one process, pid 100');
		expect(frameOf('processes')).toContain('timeout 300 ms: late processes stopped · ');
		const withoutTimeout = render(<EnginePanel view={engineView({engine: 'async'})} axisMs={1000} panel={panelGeometry(100, [], false)} rows={4} />).lastFrame()!;
		expect(withoutTimeout).not.toContain('timeout');
	});

	it('switches to one row per lane when tasks outnumber its rows', () => {
		const tasks = Array.from({length: 12}, (_, id) => task(id, {lane: id % 2, startMs: Math.floor(id / 2) * 100, endMs: Math.floor(id / 2) * 100 + 100}));
		const {lastFrame} = render(
			<Box width={60}>
				<EnginePanel view={engineView({tasks, done: 12})} axisMs={1000} panel={panelGeometry(60, [], false)} rows={5} />
			</Box>,
		);
		const rows = lastFrame()!.split('\n');
		// Title, legend, a row per lane, and the panel's own axis right under its last lane.
		expect(rows).toHaveLength(5);
		expect(rows[2]).toMatch(/^T1 +(█+▓+){3}/);
		expect(rows[3]).toMatch(/^T2 +(█+▓+){3}/);
		expect(rows[4]).toMatch(/^ +0 s +0\.50 s +1\.00 s/);
	});

	it('ends a lane row with how many run there, or the progress of its one running task', () => {
		const tasks = [
			...Array.from({length: 10}, (_, id) => task(id, {lane: 0, startMs: id * 50, endMs: id * 50 + 50})),
			task(10, {lane: 0, state: 'running', startMs: 500, endMs: null, progress: 0.4}),
			task(11, {lane: 1, state: 'running', startMs: 100, endMs: null, progress: 0.2}),
			task(12, {lane: 1, state: 'running', startMs: 200, endMs: null, progress: 0.1}),
		];
		const view = engineView({tasks, done: 10, elapsedMs: 600});
		// The store's lane progress: sent per lane by the host, or the one running task's own.
		const withProgress = {...view, laneActivity: new Map([...view.laneActivity].map(([id, activity]) => [id, {...activity, progress: id === 0 ? 0.42 : 0.15}]))};
		const {lastFrame} = render(
			<Box width={60}>
				<EnginePanel view={withProgress} axisMs={1000} panel={panelGeometry(60, [], false)} rows={5} />
			</Box>,
		);
		const rows = lastFrame()!.split('\n');
		expect(rows[2]).toMatch(/^T1 .* 42%$/);
		expect(rows[3]).toMatch(/^T2 .* ×2$/);
	});

	it('orders lanes by first use and folds the ones that never ran a task into one line that says why', () => {
		const lanes = Array.from({length: 16}, (_, id) => lane(id, {pid: 1000 + id, tid: 1000 + id}));
		// 8 tasks on a pool of 16; the lane used first is P4, then P1.
		const tasks = Array.from({length: 8}, (_, id) => task(id, {lane: [3, 0, 1, 2, 4, 5, 6, 7][id]!, startMs: id * 10, endMs: id * 10 + 300}));
		const {lastFrame} = render(
			<Box width={80}>
				<EnginePanel view={engineView({engine: 'processes', lanes, tasks})} axisMs={1000} panel={panelGeometry(80, [], false)} rows={8} />
			</Box>,
		);
		const rows = lastFrame()!.split('\n').slice(2);
		expect(rows[0]).toMatch(/^P4 /);
		expect(rows[1]).toMatch(/^P1 /);
		expect(lastFrame()).toContain('… 5 more lanes, 0 busy');
		expect(lastFrame()).toContain('8 idle (P9 … P16): the pool has 16 processes for 8 tasks');
	});

	it('with --threads spawn: says a thread per task in the title, and describes the slots once', () => {
		const lanes = [0, 1, 2].map((id) => lane(id, {label: `slot ${id + 1}`, tid: null}));
		const {lastFrame} = render(
			<Box width={80}>
				<EnginePanel view={engineView({engine: 'threads', lanes, tasks: []})} axisMs={1000} panel={panelGeometry(80, [], false)} rows={6} threads="spawn" />
			</Box>,
		);
		expect(lastFrame()).toContain('Many-thread · a thread per task');
		expect(lastFrame()).toContain('S1 S2 S3: new thread per task');
	});

	it('summarises lanes that do not fit', () => {
		const lanes = Array.from({length: 256}, (_, id) => lane(id, {pid: 1000 + id, tid: 1000 + id}));
		const tasks = lanes.map((l) => task(l.id, {lane: l.id}));
		const {lastFrame} = render(
			<Box width={60}>
				<EnginePanel view={engineView({engine: 'processes', lanes, tasks})} axisMs={1000} panel={panelGeometry(60, [], false)} rows={7} />
			</Box>,
		);
		expect(lastFrame()).toContain('… 253 more lanes');
	});

	it('in 25 columns, a running bar that reaches its last cell keeps a blank before its percentage', () => {
		const panel = panelGeometry(25, [{tasks: 2, lanes: 1, laneNameWidth: 2}], true);
		const view = engineView({tasks: [task(0, {lane: 0, state: 'running', startMs: 0, endMs: null, progress: 0.97})], elapsedMs: 1000});
		const rows = render(<EnginePanel view={view} axisMs={1000} panel={panel} rows={6} />).lastFrame()!.split('\n');
		const bar = rows.find((row) => row.includes('97%'))!;
		expect(bar).toMatch(/█ 97%$/);
	});

	it('in 25 columns (side by side at 80): a title on two rows with every figure whole, short labels, its axis', () => {
		const wants = [{tasks: 8, lanes: 1, laneNameWidth: 1}, {tasks: 8, lanes: 2, laneNameWidth: 2}];
		const panel = panelGeometry(25, wants, true);
		expect(panel).toMatchObject({compact: true, labelWidth: 6, suffixWidth: 4, cells: 15});
		const tasks = [task(0, {lane: 0}), task(1, {lane: 1}), task(2, {lane: 0, state: 'running', endMs: null, progress: 0.42})];
		const view = engineView({tasks, done: 2, elapsedMs: 12_640, parallelism: 1.9});
		const rows = render(<EnginePanel axisOnLastRow view={view} axisMs={1000} panel={panel} rows={8} />).lastFrame()!.split('\n');
		expect(rows[0]!.trimEnd()).toBe('Many-thread  12.6 s  2/3');
		expect(rows[1]!.trimEnd()).toBe('∥ 1.90  worker pool');
		expect(rows[2]!.trimEnd()).toBe('pid 100 · T1 c0 · T2 c0');
		expect(rows[3]).toMatch(/^T1 #0 █+[▏▎▍▌▋▊▉]? +✓ *$/);
		expect(rows[5]).toMatch(/^T1 #2 ░+█+[▏▎▍▌▋▊▉]? *42%$/);
		// The axis on the last row, in line with the other panels' axes.
		expect(rows[7]).toMatch(/^ +0 s +1\.00 s *$/);
		for (const row of rows) expect(stringWidth(row)).toBeLessThanOrEqual(25);
		const loop = engineView({engine: 'async', lanes: [lane(0, {pid: 7})], tasks: [task(0, {lane: 0})], done: 1, elapsedMs: 2640, loopLagMs: 2600, parallelism: 0.96});
		const loopRows = render(<EnginePanel view={loop} axisMs={1000} panel={panel} rows={5} />).lastFrame()!.split('\n');
		expect(loopRows[0]!.trimEnd()).toBe('Async  2.64 s  1/1');
		expect(loopRows[1]!.trimEnd()).toBe('∥ 0.96  lag 2600 ms');
		expect(loopRows[3]).toMatch(/^L #0 +█+/);
	});
});

describe('the requests of -w net, under the result', () => {
	it('fit 80 columns with every median named in its row, up to 5000 tasks and 10 s delays', () => {
		const net = {served: 5000, bytes: 5000 * 1024, requests: [{task: 0, queueMs: 999, serviceMs: 9999, transferMs: 99.9}]};
		const result = {...runResult, config: {...runResult.config, workload: 'net' as const, tasks: 5000}, engines: (['async', 'threads', 'processes'] as const).map((name) => engineResult(name, 1000, 1, {net}))};
		const lines = netLines(result);
		expect(lines).toHaveLength(4);
		for (const line of lines) expect(stringWidth(line), line).toBeLessThanOrEqual(79);
		for (const line of lines.slice(1)) expect(line).toMatch(/ · out .+ · server .+ · back /);
	});
});

describe('the async panel\'s helper threads', () => {
	it('names each helper that used 10 ms or more of CPU, and only those', async () => {
		const {legendLine} = await import('../source/ui/panel/panel-lines.js');
		const legend = (libuvCpuMs: number, v8CpuMs: number, width = 150) => stripVTControlCharacters(legendLine(engineView({engine: 'async', helpers: {uvThreads: 4, libuvCpuMs, v8CpuMs}}), width));
		expect(legend(2780, 50)).toContain('helper threads: libuv pool of 4: 2.78 s CPU, V8 0.05 s · ');
		expect(legend(2780, 5)).toContain('helper threads: libuv pool of 4: 2.78 s CPU · ');
		// Only V8's threads worked: no "libuv 0.00 s".
		expect(legend(3, 40)).toContain('helper threads: V8 0.04 s CPU · ');
		expect(legend(3, 40)).not.toContain('libuv');
		expect(legend(3, 40, 60)).not.toContain('libuv');
		expect(legend(3, 5)).not.toContain('helper');
	});
});

describe('panels side by side', () => {
	it('keep a blank column after every legend, so one panel\'s list of lanes never runs into the next\'s', async () => {
		const {panelLines} = await import('../source/ui/panel/panel-lines.js');
		const panel = panelGeometry(25, [], true);
		// Four units of a long pid: the legend has more to say than 25 columns hold.
		const view = engineView({engine: 'threads', lanes: [0, 1, 2, 3].map((id) => lane(id, {pid: 27_596, tid: 27_600 + id}))});
		const [, , legend] = panelLines(view, 1000, panel, 8).map((line) => stripVTControlCharacters(line));
		expect(legend!.trimEnd().length, legend).toBeLessThan(25);
	});
});

describe('the header', () => {
	it('keeps the cores it runs on, pinned or not, and drops the facts before them first', () => {
		const snapshot = new RunStore({...config, cpus: [0], pool: 4}, machine).getSnapshot();
		const line = stripVTControlCharacters(headerLine(snapshot, 79));
		expect(line).toMatch(/^concur-tui {2}cpu · \d+ tasks × [^·]+ · pinned to 1 of 2 cores +calibrating…$/);
		expect(stripVTControlCharacters(headerLine(snapshot, 119))).toContain("pool 4 · sequential · pinned to 1 of 2 cores (CPU 0)");
	});

	it('says the pool only where a pool runs, and the mode only where engines could overlap', () => {
		const facts = (engines: RunConfig['engines']) => stripVTControlCharacters(headerLine(new RunStore({...config, engines}, machine).getSnapshot(), 119));
		expect(facts(['async'])).not.toMatch(/pool|sequential/);
		expect(facts(['threads'])).toContain('pool 2 · 2 cores');
		expect(facts(['threads'])).not.toContain('sequential');
		expect(facts(['async', 'processes'])).toContain('pool 2 · sequential');
	});

	it.each([59, 79])('never cuts the status word, at %i columns: the run\'s facts give way', (width) => {
		const snapshot = new RunStore({...config, runs: 3}, machine).getSnapshot();
		const line = stripVTControlCharacters(headerLine(snapshot, width));
		expect(line.trimEnd().endsWith('calibrating…')).toBe(true);
		expect(stringWidth(line)).toBeLessThanOrEqual(width);
	});
});

describe('the hardware strip', () => {
	it('shows one meter per core, and groups cores when there are more than cells', () => {
		expect(hardwareStripLine([1, 0], 60)).toMatch(/2 cores ▕█ ▏ 1 busy · avg 50%/);
		// Where the process trees are read: concur-tui's own share apart from every other program's.
		expect(hardwareStripLine([1, 0.5], 70, {ownCores: 1.02, otherCores: 0.48})).toMatch(/2 cores ▕█▄▏ concur-tui 1\.0 · other programs 0\.5 cores/);
		const many = hardwareStripLine(Array.from({length: 256}, (_, i) => (i < 128 ? 1 : 0)), 79);
		expect(many).toContain('256 cores');
		expect(many).toMatch(/\(\d+\/cell\)/);
		expect(stringWidth(many)).toBeLessThanOrEqual(79);
	});
});

describe('the result', () => {
	it('at 80 columns: every row of both tables, a verdict wrapped between words, nothing wider than the terminal', () => {
		const {lastFrame} = render(<ResultView result={runResult} rows={40} width={79} />);
		const lines = lastFrame()!.split('\n');
		for (const engine of ['async', 'threads', 'processes']) expect(lines.some((line) => line.startsWith(`│ ${engine} `))).toBe(true);
		expect(lines.some((line) => line.includes('│ engine '))).toBe(true);
		// The note's table, in the form that fits.
		expect(lines.some((line) => line.startsWith('│ Many-thread '))).toBe(true);
		for (const line of lines) expect(stringWidth(line)).toBeLessThanOrEqual(79);
		const verdictLines = lines.slice(lines.findIndex((line) => line.startsWith('Verdict:')));
		for (const line of verdictLines) expect(line.startsWith(' ')).toBe(false);
	});

	it('shows the results table, the seed differences beside the measurements, and the verdict', () => {
		const {lastFrame} = render(<ResultView result={runResult} rows={40} width={100} />);
		const frame = lastFrame()!;
		expect(frame).toMatch(/│ engine +│ elapsed │ speedup │ ∥ cpu\/wall │ cores │ memory +│ start-up │/);
		expect(frame).toMatch(/│ threads +│ 0\.21 s +│ 1\.90× +│ 1\.90/);
		// The note's table with its own questions; the fixture's records show no task, so nothing is claimed shown.
		expect(frame).toMatch(/│ model +│ needs multiple cores\? │ needs multiple threads\? │ this run showed │/);
		expect(frame).toMatch(/│ Multicore +│ yes +│ no +│ – +│/);
		expect(frame).toContain('Verdict: threads won');
	});

	it('lists problems one per line, as many as fit, then how many more', () => {
		const problems = Array.from({length: 5}, (_, id) => `threads #${id}: timed out after 300 ms`);
		expect(fitProblems(problems, 5)).toEqual(problems);
		expect(fitProblems(problems, 3)).toEqual([problems[0], problems[1], '… and 3 more (all of them in --json and the plain report)']);
		expect(fitProblems(problems, 0)).toEqual([]);
		// At a width, each problem wraps between words (next lines indented 2) instead of being cut, and counts its rows.
		const long = 'other programs used 1.1 cores during the async run, while the machine\'s cores were full: its figures include waiting for cores they held';
		const wrapped = fitProblems([long, 'short'], 10, 60);
		expect(wrapped.every((line) => stringWidth(line) <= 60)).toBe(true);
		expect(wrapped.join(' ').replaceAll(/ {2,}/g, ' ')).toBe(`${long} short`);
		expect(wrapped[1]).toMatch(/^ {2}\S/);
		expect(fitProblems([long, 'short', 'other'], 4, 60)).toEqual([...fitProblems([long], 4, 60), '… and 2 more (all of them in --json and the plain report)']);
		expect(fitProblems([long, 'short'], 3, 60)).toEqual(['… and 2 more (all of them in --json and the plain report)']);
		const stopped = {...runResult, engines: runResult.engines.map((engine) => (engine.engine === 'async' ? {...engine, error: 'out of memory'} : engine))};
		expect(problemLines(stopped)[0]).toBe('async stopped: out of memory');
	});

	it('fits the results table in 80 columns', () => {
		const {lastFrame} = render(<ResultView result={runResult} rows={14} width={79} />);
		for (const line of lastFrame()!.split('\n')) expect(line.length).toBeLessThanOrEqual(79);
	});
});

describe('the layout', () => {
	// The default run on 2 cores: 8 tasks; async runs them on one lane, each pool on 2.
	const wants = [
		{tasks: 8, lanes: 1, laneNameWidth: 1},
		{tasks: 8, lanes: 2, laneNameWidth: 2},
		{tasks: 8, lanes: 2, laneNameWidth: 2},
	];

	it('asks for a bigger terminal below 60x20', () => {
		expect(computeLayout(58, 24, wants, false).kind).toBe('too-small');
		expect(computeLayout(79, 19, wants, false).kind).toBe('too-small');
	});

	it('puts the panels side by side from an 80-column terminal (the drawing width is one less), stacks them below', () => {
		expect(computeLayout(79, 24, wants, false)).toMatchObject({kind: 'ok', sideBySide: true, canSideBySide: true, panel: {width: 25, compact: true}});
		expect(computeLayout(78, 24, wants, false)).toMatchObject({kind: 'ok', sideBySide: false, canSideBySide: false, panel: {width: 78, compact: false}});
		// Wide panels from 150 columns: the full titles and labels fit.
		expect(computeLayout(149, 40, wants, false)).toMatchObject({sideBySide: true, panel: {width: 49, compact: false}});
	});

	it('stacks the panels when asked, at any width where side by side fits too', () => {
		expect(computeLayout(119, 40, wants, false, 'stacked')).toMatchObject({sideBySide: false, canSideBySide: true, panel: {width: 119}});
		expect(computeLayout(119, 40, wants, false, 'side by side')).toMatchObject({sideBySide: true});
		expect(computeLayout(70, 24, wants, false, 'side by side')).toMatchObject({sideBySide: false});
	});

	it('gives each panel the rows its bars use: a row per task where they fit, so no blank rows between a lane and its axis', () => {
		// Side by side at 80x24: title (2 rows), legend, 8 tasks, axis.
		expect(computeLayout(79, 24, wants, false)).toMatchObject({panelRows: [12, 12, 12]});
		// Stacked at 80x24: too few rows for a row per task, so a row per lane (+ title, legend, axis).
		expect(computeLayout(79, 24, wants, false, 'stacked')).toMatchObject({panelRows: [4, 5, 5]});
		// Stacked at 120x40: room for a row per task in every panel.
		expect(computeLayout(119, 40, wants, false, 'stacked')).toMatchObject({panelRows: [11, 11, 11]});
	});

	it('keeps the finished timeline as it was with the result below where the rows left hold it; else the result has its own page', () => {
		const during = computeLayout(99, 30, wants, false);
		const after = computeLayout(99, 30, wants, true);
		expect(after).toMatchObject({panelRows: during.kind === 'ok' ? during.panelRows : []});
		expect(after.kind === 'ok' && after.resultRows).toBeGreaterThanOrEqual(14);
		// 80x24: the timeline and a result table do not fit together.
		expect(computeLayout(79, 24, wants, true)).toMatchObject({resultRows: 0});
		for (const [columns, rows] of [[79, 24], [99, 30], [119, 40], [159, 48]] as const) {
			const layout = computeLayout(columns, rows, wants, true);
			if (layout.kind !== 'ok') throw new Error('too small');
			const timeline = layout.sideBySide ? Math.max(...layout.panelRows) : layout.panelRows.reduce((sum, each) => sum + each, 0);
			// Header, strip and footer, and one row to spare: never as tall as the terminal.
			expect(timeline + layout.resultRows + 3).toBeLessThan(rows);
		}
	});
});

