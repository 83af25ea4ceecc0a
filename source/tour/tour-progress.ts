import {readFileSync, renameSync, writeFileSync} from 'node:fs';
import {homedir} from 'node:os';
import {dirname, join} from 'node:path';
import {makeFolders} from '../util/make-folders.js';
import type {ChapterOutcome} from './chapter.js';

/** What a chapter left for the ones after it: the learner's answer and what was measured. */
type KeptChapter = {readonly number: number; readonly predicted: string | null; readonly outcome: ChapterOutcome};

/** Where the tour stopped: the chapter to take next, and what the chapters taken so far measured. */
export type TourProgress = {readonly schema: 1; readonly next: number; readonly chapters: readonly KeptChapter[]};

/** The progress file: $XDG_STATE_HOME/concur-tui/tour.json, or ~/.local/state/concur-tui/tour.json. */
export function progressPath(env: NodeJS.ProcessEnv = process.env): string {
	const state = env.XDG_STATE_HOME && env.XDG_STATE_HOME.startsWith('/') ? env.XDG_STATE_HOME : join(homedir(), '.local', 'state');
	return join(state, 'concur-tui', 'tour.json');
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The progress kept at `path`: null when there is none; {unreadable} when the file is not one (the tour then starts over and says why). */
export function readProgress(path: string, lastChapter: number): TourProgress | {readonly unreadable: string} | null {
	let parsed: unknown;
	try {
		parsed = JSON.parse(readFileSync(path, 'utf8'));
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOENT') return null;
		return {unreadable: code ?? 'not JSON'};
	}

	if (!isRecord(parsed) || parsed.schema !== 1) return {unreadable: 'not a tour progress file of schema 1'};
	if (!Number.isInteger(parsed.next) || (parsed.next as number) < 0 || (parsed.next as number) > lastChapter) return {unreadable: `no chapter 0 to ${lastChapter} to resume at`};
	if (!Array.isArray(parsed.chapters)) return {unreadable: 'its chapters are not a list'};
	const chapters = (parsed.chapters as unknown[]).filter(
		(each): each is KeptChapter => isRecord(each) && Number.isInteger(each.number) && (each.predicted === null || typeof each.predicted === 'string') && isRecord(each.outcome) && Array.isArray(each.outcome.figures) && typeof each.outcome.takeaway === 'string',
	);
	return {schema: 1, next: parsed.next as number, chapters};
}

/** Keeps the progress (written whole, then renamed: a tour stopped mid-write leaves the last one). Null when it could be written, else why not. */
export function writeProgress(path: string, progress: TourProgress): string | null {
	try {
		makeFolders(dirname(path));
		const partial = `${path}.${process.pid}.tmp`;
		writeFileSync(partial, `${JSON.stringify(progress)}\n`);
		renameSync(partial, path);
		return null;
	} catch (error) {
		return `progress not kept (${(error as NodeJS.ErrnoException).code ?? String(error)}: ${path})`;
	}
}
