// `concur-tui tour`: the note chapter by chapter, predicted and then measured on this machine.
// Takeaways are checked against the chapter's figures read from the JSON here (never through the
// tour's code); a chapter fed other figures changes its grade and its takeaway.
import {mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import type {RunResult} from '../source/model/result-types.js';
import {tourChapters} from '../source/tour/chapters/index.js';
import {choiceFor, gradeOf} from '../source/tour/chapter.js';
import {progressPath, readProgress, writeProgress} from '../source/tour/tour-progress.js';
import {chapterResultLines} from '../source/tour/tour-report.js';
import {engineResult, runResult} from './helpers/dashboard-fixtures.js';
import {PtyScreen} from './helpers/pty-screen.js';
import {runCli} from './helpers/run-cli.js';

type TourChapter = {
	number: number;
	title: string;
	prediction: {predicted: string | null; measured: number | null; right: boolean | null; choices: Array<{key: string; text: string; band: [number, number | null]}>} | null;
	commands: string[];
	figures: Array<{name: string; value: number; text: string}>;
	shown: boolean;
	why: string | null;
	skew: string | null;
	takeaway: string;
};
type TourDocument = {schema: number; machine: {cores: number}; allShown: boolean; chapters: TourChapter[]};

const machine = runResult.machine;

/**
 * Numbers a chapter's takeaway may say: its figures as shown, the numbers of its commands (task
 * counts, lengths, pools), the machine's cores, and the chapter's own counts (0.70 s of work).
 */
function justified(chapter: TourChapter, cores: number): Set<string> {
	const numbers = new Set<string>(['0.70', '1', '2', '3', String(cores), String(2 * cores)]);
	const add = (text: string) => {
		for (const token of text.match(/\d+(?:\.\d+)?/g) ?? []) numbers.add(token);
	};

	for (const figure of chapter.figures) add(figure.text);
	for (const command of chapter.commands) add(command);
	return numbers;
}

/** The takeaway's numbers that no figure of its chapter justifies, nor an answer the learner chose (an oracle apart from the tour's code). */
function unjustified(chapter: TourChapter, cores: number, chosen: readonly string[] = []): string[] {
	const allowed = justified(chapter, cores);
	for (const text of chosen) for (const token of text.match(/\d+(?:\.\d+)?/g) ?? []) allowed.add(token);
	return (chapter.takeaway.match(/\d+(?:\.\d+)?/g) ?? []).filter((token) => !allowed.has(token));
}

/** The note as a reader sees it: markdown emphasis left out, curly apostrophes straight, one space between words. */
function noteSections(): Map<string, string> {
	const sections = new Map<string, string>();
	let heading = '';
	for (const line of readFileSync(new URL('../docs/the-note.md', import.meta.url), 'utf8').split('\n')) {
		if (line.startsWith('## ')) {
			// "## 1. Async (Asynchronous Programming)", "## ✅ Similarities": the words from the first letter.
			heading = line.replace(/^[^A-Za-z]*/, '');
			sections.set(heading, '');
			continue;
		}

		const plain = line.replaceAll(/\*+/g, '').replaceAll('\u2019', "'").replace(/^\s*-\s+/, '').trim();
		sections.set(heading, `${sections.get(heading) ?? ''} ${plain}`.replaceAll(/\s+/g, ' '));
	}

	return sections;
}

describe('the note, as the chapters quote it', () => {
	it('every chapter quotes the note, each quote word for word from the section it names (docs/the-note.md)', () => {
		const sections = [...noteSections()];
		for (const chapter of tourChapters({...machine, cores: 2})) {
			expect(chapter.note.length, `chapter ${chapter.number}`).toBeGreaterThan(0);
			for (const {section, words} of chapter.note) {
				const found = sections.filter(([heading]) => heading.startsWith(section));
				expect(found, `chapter ${chapter.number}: a section "${section}"`).toHaveLength(1);
				expect(found[0]![1], `chapter ${chapter.number}`).toContain(words);
			}
		}
	});
});

describe('the chapters, fed figures', () => {
	const chapters = tourChapters({...machine, cores: 2});
	const judge = (number: number, results: RunResult[]) => chapters[number]!.judge(results, {machine: {...machine, cores: 2}, earlier: [], otherLoadNow: 0});
	const asyncRun = (elapsedMs: number, parallelism: number, patch = {}) => ({...runResult, engines: [engineResult('async', elapsedMs, parallelism, patch)]});

	it('grades an answer right in its band, "not quite" one band away, "far off" further or outside every band', () => {
		const prediction = chapters[1]!.prediction!;
		// Bands: a under 3 s, b 3 to 5 s, c 5 s or more.
		expect(['a', 'b', 'c'].map((key) => gradeOf(prediction, key, 2))).toEqual(['right', 'not quite', 'far off']);
		expect(['a', 'b', 'c'].map((key) => gradeOf(prediction, key, 4))).toEqual(['not quite', 'right', 'not quite']);
		expect(gradeOf(prediction, 'a', -1)).toBe('far off');
	});

	it('chapter 0 shows the CPU quota whatever it is: a figure, none, or that it could not be read', () => {
		const ofMachine = (patch: Partial<typeof machine>) => chapters[0]!.judge([], {machine: {...machine, cores: 2, onlineCores: 2, ...patch}, earlier: [], otherLoadNow: 0});
		const limited = ofMachine({cpuQuotaCores: 1.5, cpuQuotaReadable: true});
		expect(limited.figures).toContainEqual({name: 'CPU quota (cores)', value: 1.5, text: '1.5'});
		expect(limited.takeaway).toContain('under a CPU quota of 1.5 cores\' worth');
		const free = ofMachine({cpuQuotaCores: null, cpuQuotaReadable: true});
		expect(free.figures).toContainEqual(expect.objectContaining({name: 'CPU quota', text: 'none'}));
		expect(free.takeaway).toContain('with no CPU quota');
		const unknown = ofMachine({cpuQuotaCores: null, cpuQuotaReadable: false});
		expect(unknown.figures.map((figure) => figure.name)).not.toContain('CPU quota');
		expect(unknown.takeaway).toContain('its CPU quota could not be read');
	});

	it('chapter 1 grades the prediction against the measured time and says what the figures say', () => {
		const quick = judge(1, [asyncRun(2004, 0.01), asyncRun(2010, 0.02)]);
		expect(quick.shown).toBe(true);
		expect(choiceFor(chapters[1]!.prediction!, quick.graded!)?.key).toBe('a');
		expect(quick.takeaway).toContain('2.00 s for three waits of 2 s');
		// The same chapter fed a run where the waits did not overlap: another grade, another takeaway.
		const slow = judge(1, [asyncRun(6020, 0.01), asyncRun(6030, 0.02)]);
		expect(slow.shown).toBe(false);
		expect(choiceFor(chapters[1]!.prediction!, slow.graded!)?.key).toBe('c');
		expect(slow.takeaway).toContain('took 6.02 s');
		expect(slow.takeaway).not.toContain('at once');
		expect(slow.why).toContain('6.02 s');
	});

	it('chapter 4 calls the pools parallel only when they were about the cores faster', () => {
		const run = (threadsMs: number, processesMs: number) => ({...runResult, engines: [engineResult('async', 2000, 1), engineResult('threads', threadsMs, 1.9, {coresUsed: 1.9}), engineResult('processes', processesMs, 1.9, {coresUsed: 1.9})]});
		const parallel = judge(4, [run(1020, 1050)]);
		expect(parallel.shown).toBe(true);
		expect(parallel.takeaway).toMatch(/speedup over async's one thread was 1\.96× for threads and 1\.90× for processes.*: parallel/);
		const not = judge(4, [run(1900, 1950)]);
		expect(not.shown).toBe(false);
		expect(not.takeaway).not.toContain('parallel');
		expect(choiceFor(chapters[4]!.prediction!, not.graded!)?.key).toBe('a');
	});

	it('a run other programs skewed: the chapter says so even where its claim showed, and does not grade the prediction', () => {
		const loaded = judge(2, [asyncRun(2100, 1, {otherLoadCores: 1.5, loopLagMaxMs: 2000})]);
		expect(loaded.shown).toBe(true);
		expect(loaded.skew).toBe('other programs used 1.5 cores during async, so the cores were not this run\'s alone');
		const lines = chapterResultLines({chapter: chapters[2]!, predicted: 'b', runs: [], results: [], outcome: loaded, otherLoadBefore: null}).join('\n');
		expect(lines).toContain('measured 2.10 s: not graded, other programs used the cores meanwhile.');
		expect(lines).toContain('Though other programs used 1.5 cores during async, so the cores were not this run\'s alone: its figures may be off.');
		const quiet = judge(2, [asyncRun(2100, 1, {loopLagMaxMs: 2000})]);
		expect(quiet.skew).toBeNull();
		expect(chapterResultLines({chapter: chapters[2]!, predicted: 'b', runs: [], results: [], outcome: quiet, otherLoadBefore: null}).join('\n')).toContain('measured 2.10 s: right.');
	});

	it('chapter 8 marks a figure from a chapter that did not show its claim, and counts predictions not graded', () => {
		const waited = judge(1, [asyncRun(2004, 0.01), asyncRun(2010, 0.02)]);
		const helpers = {figures: [{name: 'parallelism with libuv\'s pool', value: 0.98, text: '0.98'}], graded: 0.98, shown: false, why: 'its parallelism was 0.98', takeaway: 't', skew: 'other programs used 1.2 cores during async, so the cores were not this run\'s alone'};
		const earlier = [
			{chapter: chapters[1]!, results: [], predicted: 'a', outcome: waited},
			{chapter: chapters[6]!, results: [], predicted: 'b', outcome: helpers},
		];
		const together = chapters[8]!.judge([], {machine: {...machine, cores: 2}, earlier, otherLoadNow: 0});
		expect(together.takeaway).toContain('∥ 0.98 hashing on libuv\'s pool (chapter 6 did not show its claim)');
		expect(together.takeaway).toContain('3 waits of 2 s in 2.00 s (you: about 2 s, right)');
		expect(together.takeaway).toContain('Your predictions: 1 of 1 graded right (1 not graded: other programs\' load skewed those runs).');
		// Its figures in chapter order.
		expect(together.figures.map((figure) => figure.name).slice(0, 2)).toEqual(['chapter 1: three waits', 'chapter 6: parallelism with libuv\'s pool']);
	});

	it('a chapter whose engine failed a task gives no figures and says why', () => {
		const failed = {...runResult, engines: [engineResult('async', 2000, 0.01, {tasks: [{id: 0, lane: 0, pid: 1, tid: 1, cpu: 0, queuedMs: 0, startMs: 0, runStartMs: 0, endMs: 10, ok: false, error: 'boom'}]})]};
		const outcome = judge(2, [failed]);
		expect(outcome.shown).toBe(false);
		expect(outcome.why).toBe('async: 1 of 1 tasks failed');
		expect(outcome.graded).toBeNull();
	});
});

describe('the tour\'s progress file', () => {
	it('is in the XDG state folder, read back as written; anything else in it is named unreadable, and none at all is no progress', () => {
		expect(progressPath({XDG_STATE_HOME: '/state'})).toBe('/state/concur-tui/tour.json');
		expect(progressPath({XDG_STATE_HOME: 'relative'})).toMatch(/\/\.local\/state\/concur-tui\/tour\.json$/);
		const folder = mkdtempSync(join(tmpdir(), 'concur-progress-'));
		const path = join(folder, 'deep', 'tour.json');
		const progress = {schema: 1 as const, next: 3, chapters: [{number: 1, predicted: 'a', outcome: {figures: [{name: 'three waits', value: 2, text: '2.00 s'}], graded: 2, shown: true, why: null, takeaway: 'waited at once'}}]};
		expect(writeProgress(path, progress)).toBeNull();
		expect(readProgress(path, 8)).toEqual(progress);
		const unreadable = {'not json': 'not JSON', '{"schema":2,"next":1,"chapters":[]}': 'not a tour progress file of schema 1', '{"schema":1,"next":9,"chapters":[]}': 'no chapter 0 to 8 to resume at', '{"schema":1,"next":-1,"chapters":[]}': 'no chapter 0 to 8 to resume at', '{"schema":1,"next":3,"chapters":"x"}': 'its chapters are not a list'};
		for (const [text, why] of Object.entries(unreadable)) {
			writeFileSync(path, text);
			expect(readProgress(path, 8), text).toEqual({unreadable: why});
		}

		expect(readProgress(join(folder, 'none.json'), 8)).toBeNull();
		// Under /proc (Node 20's recursive mkdir never returns there): said at once, the tour goes on.
		expect(writeProgress('/proc/concur-nope/concur-tui/tour.json', progress)).toBe('progress not kept (ENOENT: /proc/concur-nope/concur-tui/tour.json)');
		// A folder that cannot be made (a file is in the way): said once, the tour goes on.
		const blocked = join(path, 'concur-tui', 'tour.json');
		expect(writeProgress(blocked, progress)).toBe(`progress not kept (ENOTDIR: ${blocked})`);
		rmSync(folder, {recursive: true, force: true});
	});
});

describe('concur-tui tour, run', () => {
	it('lists its chapters with their length', async () => {
		const run = await runCli(['tour', '--list']);
		expect(run.code).toBe(0);
		const lines = run.stdout.trimEnd().split('\n');
		expect(lines).toHaveLength(9);
		expect(lines[0]).toMatch(/^ 0 {2}Your machine \(about 2 s\)$/);
		expect(lines[8]).toMatch(/^ 8 {2}Putting it together$/);
		// With --json, the same list as a document: each chapter's commands, or why it cannot run here.
		const json = await runCli(['tour', '--list', '--json']);
		expect(json.code).toBe(0);
		const listed = JSON.parse(json.stdout) as {chapters: Array<{number: number; title: string; seconds: number; commands: string[]; cannot: string | null}>};
		expect(listed.chapters.map((chapter) => chapter.number)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
		expect(listed.chapters[1]).toMatchObject({title: 'Order, then keep chatting', commands: ['concur-tui -w sleep -n 3 --task-ms 2000 -e async', 'concur-tui -w net -n 3 --task-ms 2000 -e async']});
	});

	it('says each run as it begins: the second run\'s command comes after the first run was drawn', async () => {
		const screen = new PtyScreen(['tour', '--auto', '--chapter', '1'], {cols: 80, rows: 24}, {env: {XDG_STATE_HOME: tmpdir()}});
		try {
			await screen.exited;
			const first = screen.raw.indexOf('Running three waits (timers)');
			const drawn = screen.raw.indexOf('sleep · 3 tasks');
			const second = screen.raw.indexOf('Running three real HTTP requests');
			expect(first).toBeGreaterThan(-1);
			expect(drawn).toBeGreaterThan(first);
			expect(second).toBeGreaterThan(drawn);
		} finally {
			screen.kill();
		}
	}, 40_000);

	it('SIGTERM in the middle of a chapter\'s run (--auto, live in the dashboard): the chapter is said interrupted, not judged on partial figures', async () => {
		const screen = new PtyScreen(['tour', '--auto', '--chapter', '1'], {cols: 80, rows: 24}, {env: {XDG_STATE_HOME: tmpdir()}});
		try {
			await screen.waitFor((text) => text.includes('Async · one event loop'), 20_000);
			// A second into the three 2 s waits, the tasks running.
			await new Promise((resolve) => setTimeout(resolve, 1500));
			screen.kill('SIGTERM');
			const exit = await screen.exited;
			expect(exit.exitCode === 143 || exit.signal === 15, JSON.stringify(exit)).toBe(true);
			const shown = screen.raw.replaceAll(/\r?\n */g, ' ');
			expect(shown).toContain('Chapter 1 (Order, then keep chatting) did not: interrupted.');
			expect(shown).not.toContain('did not finish');
		} finally {
			screen.kill();
		}
	}, 40_000);

	it.each([
		[['tour', '--chapter', '9'], /^concur-tui: --chapter must be a whole number from 0 to 8 \(got "9"\)\n$/],
		[['tour', '-w', 'cpu'], /^concur-tui: --workload does not apply to concur-tui tour: each chapter sets its own runs\n$/],
		[['tour', 'now'], /^concur-tui: unexpected argument "now"/],
		[['--auto'], /^concur-tui: --auto belongs to concur-tui tour/],
		[['tour', '--list', '--auto'], /^concur-tui: --list lists the chapters and runs none: it does not go with --auto\n$/],
		[['tour', '--list', '--chapter', '8'], /^concur-tui: --list lists the chapters and runs none: it does not go with --chapter\n$/],
	])('bad input %j: one line, exit 2', async (args, message) => {
		const run = await runCli(args);
		expect(run.code).toBe(2);
		expect(run.stdout).toBe('');
		expect(run.stderr).toMatch(message);
	});

	it('--auto --json: every chapter shows its claim, or says why it could not (a busy machine named); every takeaway\'s number is a figure of its chapter', async () => {
		const run = await runCli(['tour', '--auto', '--json']);
		const tour = JSON.parse(run.stdout) as TourDocument;
		expect(run.stderr).toBe('');
		expect(tour.chapters.map((chapter) => chapter.number)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
		expect(run.code).toBe(tour.allShown ? 0 : 1);
		expect(tour.allShown).toBe(tour.chapters.every((chapter) => chapter.shown));
		for (const chapter of tour.chapters) {
			// Not shown is allowed only where other programs held the cores (the chapter says so).
			if (!chapter.shown) expect(chapter.why, `chapter ${chapter.number}`).toMatch(/other programs used [\d.]+ cores/);
			// Chapter 8 quotes the answers chosen in the chapters before it.
			const chosen = tour.chapters.filter((each) => each.number < chapter.number).flatMap((each) => each.prediction?.choices.filter((choice) => choice.key === each.prediction!.predicted).map((choice) => choice.text) ?? []);
			expect(unjustified(chapter, tour.machine.cores, chapter.number === 8 ? chosen : []), `chapter ${chapter.number}: ${chapter.takeaway}`).toEqual([]);
			if (chapter.prediction?.measured !== null && chapter.prediction?.measured !== undefined) {
				// Right means the measured value is in the band of the predicted answer, checked here.
				const band = chapter.prediction.choices.find((choice) => choice.key === chapter.prediction!.predicted)!.band;
				const inBand = chapter.prediction.measured >= band[0] && (band[1] === null || chapter.prediction.measured < band[1]);
				// A run other programs skewed is not graded.
				expect(chapter.prediction.right, `chapter ${chapter.number}`).toBe(chapter.skew === null ? inBand : null);
			}
		}
	}, 120_000);

	it.runIf(process.platform === 'linux')('on one allowed core, the chapters about parallelism say they cannot show it, and exit 1', async () => {
		const run = await runCli(['tour', '--auto', '--json', '--chapter', '4'], {command: ['taskset', '-c', '0']});
		expect(run.code).toBe(1);
		const [chapter] = (JSON.parse(run.stdout) as TourDocument).chapters;
		expect(chapter).toMatchObject({number: 4, shown: false, commands: [], figures: []});
		expect(chapter!.why).toBe('this run may use 1 core: parallelism needs two or more (a machine given one CPU, a quota of one core)');
	});

	it('--auto at a terminal (a demo): the runs live in the dashboard, the defaults taken, and it ends by itself', async () => {
		const screen = new PtyScreen(['tour', '--auto', '--chapter', '2'], {cols: 80, rows: 24});
		try {
			const exit = await screen.exited;
			expect(exit.exitCode).toBe(screen.raw.includes('Not shown on this machine') ? 1 : 0);
			expect(screen.raw).toContain('Prediction (default): a');
			expect(screen.raw).toContain('Async · one event loop');
			expect(screen.raw).toContain('1 of 1 chapter');
			// Nothing waited for a key.
			expect(screen.raw).not.toContain('q quit (resumes at the next)');
		} finally {
			screen.kill();
		}
	}, 40_000);

	it('at a terminal, goes a chapter at a time (r again, q quit) and resumes where it stopped; chapter 8 uses what earlier sessions measured', async () => {
		const state = mkdtempSync(join(tmpdir(), 'concur-tour-state-'));
		const progress = join(state, 'concur-tui', 'tour.json');
		const session = async (args: string[], steps: (screen: PtyScreen) => Promise<void>) => {
			const screen = new PtyScreen(['tour', ...args], {cols: 80, rows: 24}, {env: {XDG_STATE_HOME: state}});
			try {
				await steps(screen);
				// Everything it wrote, scrolled off or not, lines joined as a reader reads them.
				return {exit: await screen.exited, shown: screen.raw.replaceAll(/\r?\n */g, ' ')};
			} finally {
				screen.kill();
			}
		};

		const nav = 'n/Enter next · r again · b back · q quit (resumes at the next) · ? help:';
		const first = await session([], async (screen) => {
			await screen.waitFor((text) => text.includes(nav), 20_000);
			// b at the first chapter says there is none before it, and asks again (it ran nothing).
			screen.write('b');
			await screen.waitFor(() => screen.raw.includes('Chapter 0 is the first: there is none before it') && screen.raw.split(nav).length === 3, 10_000);
			// ? after a chapter explains the keys of that prompt, not the prediction's.
			screen.write('?');
			await screen.waitFor(() => screen.raw.includes('The chapter is over. Keys: n or Enter: the next chapter') && screen.raw.split(nav).length === 4, 10_000);
			expect(screen.raw).not.toContain('Keys: a b c');
			screen.write('r');
			await screen.waitFor(() => screen.raw.split('Chapter 0 (of 0-8)').length === 3 && screen.raw.split(nav).length === 5, 20_000);
			screen.write('q');
			await screen.waitFor((text) => text.includes('The tour resumes at chapter 1: concur-tui tour.'), 10_000);
		});
		expect(first.exit.exitCode).toBe(0);
		// Chapter 0 ran twice (r): one chapter, counted once.
		expect(first.shown).toContain('1 of 1 chapter taken this time showed its claim on this machine.');
		expect(JSON.parse(readFileSync(progress, 'utf8'))).toMatchObject({schema: 1, next: 1, chapters: [{number: 0, predicted: null}]});

		const second = await session([], async (screen) => {
			await screen.waitFor(() => screen.raw.includes('Resuming at chapter 1') && screen.raw.includes('q to stop'), 20_000);
			screen.write('q');
			await screen.waitFor((text) => text.includes('The tour resumes at chapter 1: concur-tui tour.'), 10_000);
		});
		expect(second.shown).not.toContain('chapters showed');

		const last = await session(['--chapter', '8'], async (screen) => {
			await screen.waitFor((text) => text.includes('The tour is over'), 20_000);
		});
		// Chapter 0 of the first session measured no row of the table: each row says so, none is made
		// up, and the chapter says it could not show the table (exit 1).
		expect(last.exit.exitCode).toBe(1);
		expect(last.shown).toContain('Chapter 8 (Putting it together) did not: no chapter before it measured a figure for the table (chapters 1 to 7 do).');
		expect(last.shown).toContain('Async (programming model; needs multiple cores? no; threads? no): not measured in this tour');
		expect(JSON.parse(readFileSync(progress, 'utf8'))).toMatchObject({next: 0});
		rmSync(state, {recursive: true, force: true});
	}, 90_000);

	it('Ctrl+C in the middle of a chapter\'s run stops the tour (exit 130), the chapter kept to resume', async () => {
		const state = mkdtempSync(join(tmpdir(), 'concur-tour-state-'));
		const screen = new PtyScreen(['tour', '--chapter', '2'], {cols: 80, rows: 24}, {env: {XDG_STATE_HOME: state}});
		try {
			await screen.waitFor((text) => text.replaceAll('\n', '').includes('(a/b/c, Enter for a, q to stop, ? help)'), 20_000);
			screen.write('b');
			await screen.waitFor((text) => text.includes('Async · one event loop'), 20_000);
			screen.write('\u0003');
			const exit = await screen.exited;
			expect(exit.exitCode).toBe(130);
			expect(screen.raw.replaceAll(/\r?\n */g, ' ')).toContain('The tour resumes at chapter 2: concur-tui tour.');
		} finally {
			screen.kill();
			rmSync(state, {recursive: true, force: true});
		}
	}, 40_000);

	it('with a state folder it cannot write (under /proc, where Node 20\'s recursive mkdir hangs): says so, goes on, and promises no resume', async () => {
		const screen = new PtyScreen(['tour', '--chapter', '0'], {cols: 80, rows: 24}, {env: {XDG_STATE_HOME: '/proc/concur-nope'}});
		try {
			await screen.waitFor((text) => text.includes('n/Enter next · r again'), 20_000);
			expect(screen.raw.replaceAll(/\r?\n */g, ' ')).toContain('(progress not kept (ENOENT: /proc/concur-nope/concur-tui/tour.json))');
			screen.write('q');
			const shown = await screen.waitFor((text) => text.includes('goes on from there'), 10_000);
			expect(shown.replaceAll(/\r?\n */g, ' ')).toContain('Progress could not be kept, so the tour cannot resume by itself: concur-tui tour --chapter 1 goes on from there.');
			expect(shown).not.toContain('The tour resumes at');
			expect((await screen.exited).exitCode).toBe(0);
		} finally {
			screen.kill();
		}
	}, 40_000);

	it('at a terminal it asks the prediction, takes a key, shows the run in the dashboard, and grades it against what it measured', async () => {
		const state = mkdtempSync(join(tmpdir(), 'concur-tour-state-'));
		// A progress file that is not one: named, not dropped silently.
		mkdirSync(join(state, 'concur-tui'));
		writeFileSync(join(state, 'concur-tui', 'tour.json'), '{"schema":1,"next":');
		const screen = new PtyScreen(['tour', '--chapter', '2'], {cols: 80, rows: 24}, {env: {XDG_STATE_HOME: state}});
		let shown: string;
		try {
			await screen.waitFor(() => screen.raw.replaceAll(/\r?\n */g, ' ').includes(`The progress file ${join(state, 'concur-tui', 'tour.json')} could not be read (not JSON): what earlier sessions measured is lost; the tour writes it anew.`), 20_000);
			await screen.waitFor((text) => text.replaceAll('\n', '').includes('(a/b/c, Enter for a, q to stop, ? help)'), 20_000);
			// ? explains the keys and asks again.
			screen.write('?');
			await screen.waitFor(() => screen.raw.includes('not graded where other programs used the cores meanwhile. Keys: a b c') && screen.raw.split('Your prediction (a/b/c').length === 3, 10_000);
			expect(screen.raw).not.toContain('The chapter is over. Keys:');
			screen.write('c');
			// The chapter's run, live in the dashboard, its keys off (the run is the chapter's).
			await screen.waitFor((text) => text.includes('Async · one event loop') && text.includes('tour: this run is the chapter\'s, it ends by itself'), 20_000);
			// Keys pressed during the run are the run's (off): neither echoed nor taken by the next prompt.
			screen.write('n');
			const after = await screen.waitFor(() => screen.raw.includes('q quit (resumes at the next) · ? help:'), 30_000);
			// The run's last frame stays above the grade without its keys-off footer, and no key hint was ever drawn (keys are off).
			expect(after).toContain('Measured:');
			expect(after).not.toContain('tour: this run is the chapter');
			// The frame is as tall as what it shows: one blank line, not a screen's worth, before the grade.
			expect(after).toMatch(/\S[^\n]*\n *\n {2}Measured:/);
			expect(screen.raw).not.toContain('v: this run');
			screen.write('q');
			shown = await screen.waitFor((text) => /of 1 chapter taken this time showed its claim/.test(text), 10_000);
			await screen.exited;
		} finally {
			screen.kill();
			rmSync(state, {recursive: true, force: true});
		}

		// The n pressed mid-run did not move the tour on to chapter 3.
		expect(shown).not.toContain('Chapter 3 (of 0-8)');
		expect(shown).toContain('The tour resumes at chapter 3: concur-tui tour.');
		const joined = shown.replaceAll('\n', ' ').replaceAll(/ {2,}/g, ' ');
		const grade = /You predicted c\) longer \(3\.2 s or more\); measured ([\d.]+) s: (right|(not quite|far off), that is ([ab])\) [^.]*\.\d? s[^.]*|not graded, other programs used the cores meanwhile)\./.exec(joined);
		expect(grade, shown).not.toBeNull();
		if (grade![2]!.startsWith('not graded')) {
			// A busy machine: the chapter names the load that skewed the run instead of grading it.
			expect(joined).toMatch(/Though other programs used [\d.]+ cores during async/);
			return;
		}

		const measured = Number(grade![1]);
		// Graded here, from the bands the chapter states: under 1.2, 1.2 to 3.2, 3.2 or more (c is two bands from a).
		expect(grade![2] === 'right').toBe(measured >= 3.2);
		if (measured < 3.2) expect([grade![4], grade![3]]).toEqual(measured < 1.2 ? ['a', 'far off'] : ['b', 'not quite']);
	});
});
