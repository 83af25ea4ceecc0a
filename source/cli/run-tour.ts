import type {MachineInfo} from '../model/result-types.js';
import type {Chapter} from '../tour/chapter.js';
import {tourChapters} from '../tour/chapters/index.js';
import {chapterHeader, chapterResultLines, predictionLines, runLines, tourDocument, tourExitCode, tourSummary} from '../tour/tour-report.js';
import {runTour} from '../tour/tour-session.js';
import type {TourOptions} from './parse-flags.js';
import {wrapWords} from '../util/wrap-words.js';

/** A line wrapped between words to `width`, its continuation lines indented 2 more than it. */
function wrapped(line: string, width: number): string[] {
	const indent = /^ */.exec(line)![0];
	const [first = '', ...rest] = wrapWords(line.trimStart(), Math.max(20, width - indent.length - 2));
	return [indent + first, ...wrapWords(rest.join(' '), Math.max(20, width - indent.length - 2)).map((each) => `${indent}  ${each}`)];
}

type TourCommand = TourOptions & {readonly json: boolean};

/** Reads one key from a terminal's stdin: the answer's key, Enter for the default, q or Ctrl+C to stop. */
async function readKey(): Promise<string> {
	const {stdin} = process;
	stdin.setRawMode(true);
	stdin.resume();
	const key = await new Promise<string>((resolve) => {
		stdin.once('data', (data: Buffer) => resolve(data.toString('utf8')));
	});
	stdin.setRawMode(false);
	stdin.pause();
	return key;
}

/** The learner's answer, asked at the terminal until it is one of the chapter's keys (Enter: the default). */
async function askPrediction(chapter: Chapter, write: (text: string) => void, stop: () => void): Promise<string> {
	const prediction = chapter.prediction!;
	const keys = prediction.choices.map((choice) => choice.key);
	const width = process.stdout.columns;
	write(`${predictionLines(prediction).flatMap((line) => (line.length > width - 1 ? wrapped(line, width - 1) : [line])).join('\n')}\n  Your prediction (${keys.join('/')}, Enter for ${prediction.defaultKey}, q to stop): `);
	for (;;) {
		// eslint-disable-next-line no-await-in-loop -- one key at a time, until it is an answer
		const key = (await readKey()).toLowerCase();
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
	if (options.list) {
		write(`${all.map((chapter) => `${String(chapter.number).padStart(2)}  ${chapter.title}${chapter.seconds(machine) >= 1 ? ` (about ${Math.round(chapter.seconds(machine))} s)` : ''}`).join('\n')}\n`);
		return 0;
	}

	const chapters = options.chapter === null ? all : all.filter((chapter) => chapter.number === options.chapter);
	const asking = !options.auto && !options.json && process.stdin.isTTY === true && process.stdout.isTTY === true;
	const stopped = new AbortController();
	signal.addEventListener('abort', () => stopped.abort(), {once: true});
	// At a terminal, lines wrap between words; piped, each stays one line (for grep and diff).
	const width = process.stdout.isTTY ? process.stdout.columns : Number.POSITIVE_INFINITY;
	const text = (lines: readonly string[]) => {
		if (!options.json) write(`${lines.flatMap((line) => (line.length > width - 1 ? wrapped(line, width - 1) : [line])).join('\n')}\n`);
	};

	if (!options.json && !asking && !options.auto) text(['(Not at a terminal: every prediction takes its default. --auto says so for a demo.)', '']);
	const records = await runTour(
		chapters,
		machine,
		{
			waitForQuiet: true,
			predict: async (chapter) => {
				if (asking) return askPrediction(chapter, write, () => stopped.abort());
				text(predictionLines(chapter.prediction!));
				text([`  Prediction (default): ${chapter.prediction!.defaultKey}`]);
				return chapter.prediction!.defaultKey;
			},
			introduce: (chapter) => {
				text(chapterHeader(chapter, machine));
			},
			starting: (_chapter, planned) => {
				text(runLines(planned));
			},
			ended: (record) => {
				text([...chapterResultLines(record), '']);
			},
		},
		stopped.signal,
	);
	if (options.json) write(`${JSON.stringify(tourDocument(records, machine), null, 2)}\n`);
	else text(tourSummary(records));
	return tourExitCode(records);
}
