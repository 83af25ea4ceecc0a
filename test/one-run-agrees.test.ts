// One run, three outputs: the dashboard's final screen (read from a pseudo-terminal), the plain
// report of the same run (`concur-tui replay` of the document it saved) and that document (read
// here with JSON.parse, not through concur-tui's code) give the same figures to the digit.
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {PtyScreen} from './helpers/pty-screen.js';
import {fixture, runCli} from './helpers/run-cli.js';

type SavedEngine = {engine: string; elapsedMs: number; parallelism: number; coresUsed: number; peakRssBytes: number; startupMs: number; tasks: Array<{ok: boolean; endMs: number | null}>};
type Saved = {engines: SavedEngine[]; verdict: string; config: {tasks: number}};

const folder = mkdtempSync(join(tmpdir(), 'concur-tui-agree-'));
afterAll(() => {
	rmSync(folder, {recursive: true, force: true});
});

/** A shown figure is the saved one rounded to the digits shown (half a unit of its last digit, no more). */
function expectShown(shown: string | undefined, value: number, what: string): void {
	const number = /-?\d+(?:\.(\d+))?/.exec(shown ?? '');
	expect(number, `${what}: "${shown}"`).not.toBeNull();
	const decimals = number![1]?.length ?? 0;
	expect(Math.abs(Number(number![0]) - value), `${what}: shown "${shown}", saved ${value}`).toBeLessThanOrEqual(0.5 * 10 ** -decimals + 1e-9);
}

/** The dashboard's result table: engine -> column title -> cell. */
function dashboardTable(screen: string): Map<string, Map<string, string>> {
	const rows = screen.split('\n').filter((line) => line.startsWith('│'));
	const cells = (line: string) => line.split('│').slice(1, -1).map((cell) => cell.trim());
	const header = cells(rows.find((line) => /│ engine +│/.test(line))!);
	const table = new Map<string, Map<string, string>>();
	for (const row of rows) {
		const values = cells(row);
		const engine = values[0]?.replace(/[*!]+$/, '');
		if (engine === 'async' || engine === 'threads' || engine === 'processes') table.set(engine, new Map(header.map((title, index) => [title, values[index]!])));
	}

	return table;
}

/** The plain report's table row of an engine, by its column titles (one round: no range columns). */
function reportRow(report: string, engine: string): Record<string, string> {
	const line = report.split('\n').find((each) => new RegExp(`^${engine}[*!]* +\\d`).test(each));
	const match = /^\S+ +(\S+ s) +(\S+×|–) +(\S+) +(\S+) +(\S+ s) +(\S+ MB) +(\S+ ms) +(\S+ ms)$/.exec(line ?? '');
	expect(match, `${engine} in\n${report}`).not.toBeNull();
	const [, elapsed, speedup, parallelism, cores, cpu, memory, startup, lag] = match!;
	return {elapsed: elapsed!, speedup: speedup!, parallelism: parallelism!, cores: cores!, cpu: cpu!, memory: memory!, startup: startup!, lag: lag!};
}

const oneLine = (text: string) => text.replaceAll(/\s+/g, ' ').trim();

describe('one run: the dashboard, the plain report and the JSON agree to the digit', () => {
	it.each([
		['sleep tasks, every one ok', ['-w', 'sleep', '-n', '6', '--task-ms', '120']],
		['a task module whose task 2 throws', ['--task', fixture('throwing-task.mjs'), '-n', '6']],
	])('%s', async (_name, args) => {
		const savePath = join(folder, `${args[1]!.replaceAll(/\W/g, '')}.json`);
		const screen = new PtyScreen([...args, '--exit', '--save', savePath], {cols: 160, rows: 50});
		let shown: string;
		try {
			shown = await screen.waitFor((text) => text.includes(`saved: ${savePath}`), 60_000);
			await screen.exited;
		} finally {
			screen.kill();
		}

		const saved = JSON.parse(readFileSync(savePath, 'utf8')) as Saved;
		const replayed = await runCli(['replay', savePath]);
		expect(replayed.stderr).toBe('');
		const report = replayed.stdout;
		const table = dashboardTable(shown);
		const baseline = saved.engines.find((engine) => engine.engine === 'async')!;
		for (const engine of saved.engines) {
			const name = engine.engine;
			const onScreen = table.get(name);
			expect(onScreen, `${name} in\n${shown}`).toBeDefined();
			const inReport = reportRow(report, name);
			// Each figure: the same text in both, and the saved value rounded as shown.
			for (const [screenTitle, reportColumn, value] of [
				['elapsed', 'elapsed', engine.elapsedMs / 1000],
				['∥ cpu/wall', 'parallelism', engine.parallelism],
				['cores', 'cores', engine.coresUsed],
				['memory', 'memory', engine.peakRssBytes / 1024 / 1024],
				['start-up', 'startup', engine.startupMs],
				['speedup', 'speedup', baseline.elapsedMs / engine.elapsedMs],
			] as const) {
				const cell = onScreen!.get(screenTitle);
				expect(cell, `${name} ${screenTitle}: dashboard against report`).toBe(inReport[reportColumn]);
				expectShown(cell, value, `${name} ${screenTitle}`);
			}

			// Tasks ok: the report's line, the panel's count, and the records.
			const ok = engine.tasks.filter((task) => task.ok).length;
			expect(report).toContain(`${name}: ${ok} of ${saved.config.tasks} tasks ok in ${inReport.elapsed}`);
		}

		// The panels' titles carry the same elapsed times and counts of ended tasks.
		for (const [title, name] of [['Async', 'async'], ['Many-thread · worker pool', 'threads'], ['Multicore · process pool', 'processes']] as const) {
			const engine = saved.engines.find((each) => each.engine === name)!;
			const ended = engine.tasks.filter((task) => task.endMs !== null).length;
			expect(shown).toContain(`${title}  ${table.get(name)!.get('elapsed')}  ${ended}/${saved.config.tasks}`);
		}

		// One verdict: the document's, word for word on the screen and in the report.
		expect(oneLine(shown)).toContain(oneLine(`Verdict: ${saved.verdict}`));
		expect(report).toContain(`Verdict: ${saved.verdict}\n`);
	}, 90_000);
});
