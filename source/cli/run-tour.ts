import type {MachineInfo, RunResult} from '../model/result-types.js';
import type {RunMaker} from '../tour/run-chapter.js';
import type {Chapter} from '../tour/chapter.js';
import {tourChapters} from '../tour/chapters/index.js';
import {chapterHeader, chapterResultLines, predictionLines, runLine, tourDocument, tourExitCode, tourSummary} from '../tour/tour-report.js';
import {runTour, type ChapterRecord, type TourHooks} from '../tour/tour-session.js';
import type {EarlierChapters} from '../tour/chapter.js';
import {progressPath, readProgress, writeProgress} from '../tour/tour-progress.js';
import type {TourOptions} from './parse-flags.js';
import {wrapWords} from '../util/wrap-words.js';
import {TourKeys} from './tour-keys.js';

/** A line wrapped between words to `width`, its continuation lines indented 2 more than it. */
function wrapped(line: string, width: number): string[] {
	const indent = /^ */.exec(line)![0];
	const [first = '', ...rest] = wrapWords(line.trimStart(), Math.max(20, width - indent.length - 2));
	return [indent + first, ...wrapWords(rest.join(' '), Math.max(20, width - indent.length - 2)).map((each) => `${indent}  ${each}`)];
}

/** With --auto at a terminal, how long each chapter's end stays before the next begins. */
const autoPauseMs = 3000;

type TourCommand = TourOptions & {readonly json: boolean; readonly ascii: boolean; readonly dashboard: boolean};

/** Each run of a chapter drawn live in the dashboard, which gives way to the tour once the run ended. */
function dashboardRun(ascii: boolean): RunMaker {
	return async (config, machine, signal) => {
		const {runDashboard} = await import('./run-dashboard.js');
		let result: RunResult | null = null;
		const options = {config, json: false, tracePath: null, savePath: null, exitWhenDone: true, fps: 9, force: true, ascii, sweep: null, replay: null};
		await runDashboard(options, machine, signal, {
			onResult: (ended) => {
				result = ended;
			},
			keysOff: 'tour: this run is the chapter\'s, it ends by itself · Ctrl+C to stop',
		});
		return result;
	};
}

/** What `?` shows while a prediction is asked: how a chapter goes and the keys that answer. */
const predictionHelp = [
	'',
	'  Each answer is a range of the figure the chapter measures (the range is in its',
	'  text). Answer before the run; the run is then measured here, live in the',
	'  dashboard, and your answer graded: right, not quite (the range beside it) or',
	'  far off; not graded where other programs used the cores meanwhile. Keys: a b c',
	'  answer · Enter: the default · q: stop (the tour resumes at this chapter) · ?:',
	'  this help',
	'',
];

/** What `?` shows after a chapter: where the tour can go from here. */
const nextHelp = [
	'',
	'  The chapter is over. Keys: n or Enter: the next chapter · r: this chapter',
	'  again (a new run; the last one counts) · b: the chapter before · q: quit (the',
	'  tour resumes at the next chapter: concur-tui tour) · ?: this help',
	'',
];

/** The learner's answer, asked at the terminal until it is one of the chapter's keys (Enter: the default). */
async function askPrediction(chapter: Chapter, terminal: TourKeys, write: (text: string) => void, stop: () => void): Promise<string> {
	const prediction = chapter.prediction!;
	const keys = prediction.choices.map((choice) => choice.key);
	const width = process.stdout.columns;
	const prompt = `  Your prediction (${keys.join('/')}, Enter for ${prediction.defaultKey}, q to stop, ? help): `;
	write(`${predictionLines(prediction).flatMap((line) => (line.length > width - 1 ? wrapped(line, width - 1) : [line])).join('\n')}\n${prompt}`);
	for (;;) {
		// eslint-disable-next-line no-await-in-loop -- one key at a time, until it is an answer
		const key = (await terminal.next()).toLowerCase();
		if (key === '?') {
			write(`?\n${predictionHelp.join('\n')}\n${prompt}`);
			continue;
		}

		if (key === 'q' || key === '\u0003') {
			write('q\n');
			stop();
			return prediction.defaultKey;
		}

		const answer = key === '\r' || key === '\n' ? prediction.defaultKey : key.trim();
		if (keys.includes(answer)) {
			write(`${answer}\n`);
			return answer;
		}
	}
}

/**
 * `concur-tui tour`: the note chapter by chapter, each predicted and then measured here. At a
 * terminal the predictions are asked (a key each); with --auto, piped or --json, each takes its
 * default. Text goes to `write` as it happens (the JSON document at the end). Exit 0 when every
 * chapter showed its claim, 1 when one could not.
 */
export async function runTourCommand(options: TourCommand, machine: MachineInfo, signal: AbortSignal, write: (text: string) => void): Promise<number> {
	const all = tourChapters(machine);
	if (options.list && options.json) {
		const listed = all.map((chapter) => {
			const planned = chapter.runs(machine);
			return {number: chapter.number, title: chapter.title, seconds: Math.round(chapter.seconds(machine)), note: chapter.note, commands: 'cannot' in planned ? [] : planned.map((run) => run.command), cannot: 'cannot' in planned ? planned.cannot : null};
		});
		write(`${JSON.stringify({schema: 1, chapters: listed}, null, 2)}\n`);
		return 0;
	}

	if (options.list) {
		write(`${all.map((chapter) => `${String(chapter.number).padStart(2)}  ${chapter.title}${chapter.seconds(machine) >= 1 ? ` (about ${Math.round(chapter.seconds(machine))} s)` : ''}`).join('\n')}\n`);
		return 0;
	}

	const asking = !options.auto && !options.json && process.stdin.isTTY === true && process.stdout.isTTY === true;
	const live = options.dashboard && !options.json && process.stdout.isTTY === true;
	const stopped = new AbortController();
	signal.addEventListener('abort', () => stopped.abort(), {once: true});
	// At a terminal, lines wrap between words; piped, each stays one line (for grep and diff).
	const width = process.stdout.isTTY ? process.stdout.columns : Number.POSITIVE_INFINITY;
	const text = (lines: readonly string[]) => {
		if (!options.json && lines.length > 0) write(`${lines.flatMap((line) => (line.length > width - 1 ? wrapped(line, width - 1) : [line])).join('\n')}\n`);
	};

	// At a terminal, the keys are the tour's from start to end (none is taken from a run by the next prompt).
	const terminal = new TourKeys();
	const hooks: TourHooks = {
		waitForQuiet: true,
		// At a terminal (not under CI, where Ink draws only the last frame) each run is live in the dashboard.
		// --auto at a terminal too: a demo shows the runs as a learner sees them.
		...(live && {makeRun: dashboardRun(options.ascii)}),
		predict: async (chapter) => {
			if (asking) return askPrediction(chapter, terminal, write, () => stopped.abort());
			text(predictionLines(chapter.prediction!));
			text([`  Prediction (default): ${chapter.prediction!.defaultKey}`]);
			return chapter.prediction!.defaultKey;
		},
		introduce: (chapter) => {
			text(chapterHeader(chapter, machine));
		},
		running: (run) => {
			text([runLine(run)]);
		},
		ended: async (record) => {
			// Live, a blank line parts the run's last frame from the grade.
			text([...(live && record.runs.length > 0 ? [''] : []), ...chapterResultLines(record), '']);
			// --auto at a terminal (a demo being recorded): a fixed pause to read each chapter's end.
			if (live && options.auto && !stopped.signal.aborted) await new Promise((resolve) => setTimeout(resolve, autoPauseMs));
		},
	};

	if (asking) {
		terminal.start();
		const {records, resumesAt, progressKept} = await guidedTour(all, options.chapter, machine, hooks, stopped, text, write, terminal).finally(() => {
			terminal.stop();
		});
		// Ctrl+C leaves the terminal's ^C on the line: the last lines start on one of their own.
		if (signal.aborted) write('\n');
		const resume = resumesAt === null ? [] : progressKept ? [`The tour resumes at chapter ${resumesAt}: concur-tui tour.`] : [`Progress could not be kept, so the tour cannot resume by itself: concur-tui tour --chapter ${resumesAt} goes on from there.`];
		text([...(records.length > 0 ? tourSummary(records) : []), ...resume]);
		return tourExitCode(records);
	}

	const chapters = options.chapter === null ? all : all.filter((chapter) => chapter.number === options.chapter);
	if (!options.json && !options.auto) text(['(Not at a terminal: every prediction takes its default. --auto says so for a demo.)', '']);
	const records = await runTour(chapters, machine, hooks, stopped.signal);
	if (options.json) write(`${JSON.stringify(tourDocument(records, machine), null, 2)}\n`);
	else text(tourSummary(records));
	return tourExitCode(records);
}

type NextStep = 'next' | 'again' | 'back' | 'quit';

/** After a chapter at a terminal: n or Enter the next one, r this one again, b the one before, q quit. */
async function askNext(terminal: TourKeys, write: (text: string) => void, atFirst: boolean): Promise<NextStep> {
	const prompt = '  n/Enter next · r again · b back · q quit (resumes at the next) · ? help: ';
	write(prompt);
	for (;;) {
		// eslint-disable-next-line no-await-in-loop -- one key at a time, until it is a step
		const key = (await terminal.next()).toLowerCase();
		if (key === '?') {
			write(`?\n${nextHelp.join('\n')}\n${prompt}`);
			continue;
		}

		if (key === 'b' && atFirst) {
			write('b\n  Chapter 0 is the first: there is none before it (r runs it again).\n' + prompt);
			continue;
		}

		const step: NextStep | undefined = key === 'n' || key === '\r' || key === '\n' ? 'next' : key === 'r' ? 'again' : key === 'b' ? 'back' : key === 'q' || key === '\u0003' ? 'quit' : undefined;
		if (step) {
			write(`${step === 'next' ? 'n' : key === '\u0003' ? 'q' : key}\n\n`);
			return step;
		}
	}
}

/**
 * The tour at a terminal, a chapter at a time, from where it stopped last (the progress file) or
 * from `--chapter N`: after each, the next, the same again, the one before, or quit. What each
 * chapter measured is kept, so chapter 8 has the chapters of earlier sessions too.
 */
async function guidedTour(
	all: readonly Chapter[],
	from: number | null,
	machine: MachineInfo,
	hooks: TourHooks,
	stopped: AbortController,
	text: (lines: readonly string[]) => void,
	write: (text: string) => void,
	terminal: TourKeys,
): Promise<{records: ChapterRecord[]; resumesAt: number | null; progressKept: boolean}> {
	const last = all.at(-1)!.number;
	const path = progressPath();
	const read = readProgress(path, last);
	const progress = read !== null && 'unreadable' in read ? null : read;
	if (read !== null && 'unreadable' in read) text([`The progress file ${path} could not be read (${read.unreadable}): what earlier sessions measured is lost; the tour ${from === null ? 'starts at chapter 0 and ' : ''}writes it anew.`, '']);
	let kept: EarlierChapters = (progress?.chapters ?? []).flatMap((each) => {
		const chapter = all.find((candidate) => candidate.number === each.number);
		return chapter ? [{chapter, results: [], predicted: each.predicted, outcome: each.outcome}] : [];
	});
	let index = from ?? progress?.next ?? 0;
	if (from === null && index > 0) text([`Resuming at chapter ${index} (kept in ${path}; --chapter 0 starts over).`, '']);
	const records: ChapterRecord[] = [];
	let keptNote: string | null = null;
	// Where the next tour starts: this chapter until it has run, the next once it has (null: over).
	let resumesAt: number | null = index;
	const keep = () => {
		const failed = writeProgress(path, {schema: 1, next: resumesAt ?? 0, chapters: kept.map((each) => ({number: each.chapter.number, predicted: each.predicted, outcome: each.outcome!}))});
		if (failed !== null && keptNote === null) {
			keptNote = failed;
			text([`  (${failed})`]);
		}
	};

	while (!stopped.signal.aborted) {
		// eslint-disable-next-line no-await-in-loop -- one chapter at a time, as the learner goes
		const [record] = await runTour([all[index]!], machine, hooks, stopped.signal, kept);
		if (!record || stopped.signal.aborted) break;
		records.push(record);
		kept = [...kept.filter((each) => each.chapter.number !== index), {chapter: record.chapter, results: record.results, predicted: record.predicted, outcome: record.outcome}];
		resumesAt = index === last ? null : index + 1;
		keep();
		if (index === last) {
			text(['The tour is over: concur-tui tour starts it again.', '']);
			break;
		}

		// eslint-disable-next-line no-await-in-loop
		const step = await askNext(terminal, write, index === 0);
		if (step === 'quit') break;
		if (step === 'next') index++;
		if (step === 'back') index--;
		// A move to another chapter moves where it resumes if the learner stops before it runs.
		resumesAt = index;
		keep();
	}

	// However it ended (q, Ctrl+C mid-run), the file says where it resumes, as the last line does.
	keep();
	return {records, resumesAt, progressKept: keptNote === null};
}
