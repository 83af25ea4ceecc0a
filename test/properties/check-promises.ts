// The promises concur-tui makes about a user's task module, as one check of a generated case
// (test/properties/module-grammar.ts): whatever the module does, the run ends in bounded time,
// every configured task of every engine and round is recorded ok or with a reason (non-empty, one
// line, no character a terminal would act on), the exit code is 1 exactly when a task failed,
// stderr holds only concur-tui's own one-line messages, and nothing is left running. Used by
// test/promises.property.test.ts (a fixed seed) and test/promises-fresh.property.test.ts (a fresh one).
import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import fc from 'fast-check';
import {expect} from 'vitest';
import {runMarked} from '../helpers/run-marked.js';
import {behaviourOf, caseFlags, generatedCase, moduleSource, type GeneratedCase} from './module-grammar.js';

/** Each case takes 1-4 s; reaching this means concur-tui hung. */
export const hangMs = 30_000;
export const fixedSeed = 20_261_206;
export const freshSeed = Number(process.env.CONCUR_PROPERTY_SEED ?? Math.floor(Math.random() * 2 ** 31));
export const casesPerSeed = Number(process.env.CONCUR_PROPERTY_CASES ?? 40);
const folder = mkdtempSync(join(tmpdir(), 'concur-property-'));

// What the JSON says, read here without concur-tui's own types or code.
type Task = {id: number; ok: boolean; error: string | null; endMs: number | null};
type Engine = {engine: string; complete: boolean; tasks: Task[]};
type Round = {round: number; engines: Array<{engine: string; complete: boolean; failed?: Array<{id: number; error: string}>}>};
type Document = {engines: Engine[]; rounds: Round[]; complete: boolean};

/** Characters a terminal acts on: none may appear raw in any text concur-tui shows. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const actedOn = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
/** How often each branch of the grammar was followed, and how many cases ran, in this file. */
export const hits = new Map<string, number>();
export const tally = {casesRun: 0, counterexamples: 0};

function count(branch: string): void {
	hits.set(branch, (hits.get(branch) ?? 0) + 1);
}

async function checkCase(generated: GeneratedCase): Promise<void> {
	tally.casesRun++;
	count(generated.header.branch);
	// Only the behaviours some task follows were exercised.
	for (const behaviour of generated.behaviours.slice(0, generated.tasks)) count(behaviour.branch);
	const path = join(folder, `case-${tally.casesRun}.mjs`);
	writeFileSync(path, moduleSource(generated));
	const run = await runMarked(['--task', path, ...caseFlags(generated), '--json'], hangMs);
	const context = `${path}\n${caseFlags(generated).join(' ')}\nexit ${run.code} in ${run.ms} ms\nstderr: ${run.stderr.slice(0, 2000)}`;

	expect(run.ms, `hung: ${context}`).toBeLessThan(hangMs);
	expect(run.leftover, `processes left running: ${context}`).toEqual([]);
	expect(run.code === 0 || run.code === 1, `exit code: ${context}`).toBe(true);
	for (const line of run.stderr.split('\n').filter(Boolean)) {
		expect(line, `stderr: ${context}`).toMatch(/^concur-tui: /);
		expect(actedOn.test(line), `raw control text on stderr: ${context}`).toBe(false);
	}

	const document = JSON.parse(run.stdout) as Document;
	const configured = generated.engines.engines;
	expect(document.engines.map((engine) => engine.engine).sort(), context).toEqual([...configured].sort());
	let anyFailed = false;
	for (const engine of document.engines) {
		expect(engine.tasks.map((task) => task.id), `${engine.engine}: every task recorded: ${context}`).toEqual(Array.from({length: generated.tasks}, (_, id) => id));
		for (const task of engine.tasks) {
			if (task.ok) {
				expect(task.error, context).toBeNull();
				expect(task.endMs, context).not.toBeNull();
				continue;
			}

			anyFailed = true;
			expect(typeof task.error === 'string' && task.error.trim().length > 0, `${engine.engine} task ${task.id}: a reason: ${context}`).toBe(true);
			expect(actedOn.test(task.error!) || task.error!.includes('\n'), `${engine.engine} task ${task.id}: raw control text "${task.error}": ${context}`).toBe(false);
		}

		// A task whose behaviour always fails is never recorded as ok.
		for (const task of engine.tasks) {
			if (behaviourOf(generated, task.id).fails) expect(task.ok, `${engine.engine} task ${task.id} (${behaviourOf(generated, task.id).branch}) ok: ${context}`).toBe(false);
		}

		if (!engine.complete) anyFailed = true;
	}

	// Every round is kept, and a failure in any round is not lost (the reported round is one of them).
	expect(document.rounds.length, context).toBe(generated.runs);
	for (const round of document.rounds) {
		for (const engine of round.engines) {
			if (!engine.complete || (engine.failed?.length ?? 0) > 0) anyFailed = true;
		}
	}

	expect(run.code, `exit code 1 exactly when a task failed: ${context}`).toBe(anyFailed ? 1 : 0);
}

/** Checks `casesPerSeed` generated cases of `seed`, after `examples`; throws the first counterexample. */
export async function checkSeed(seed: number, examples: readonly GeneratedCase[] = []): Promise<void> {
	const details = await fc.check(
		fc.asyncProperty(generatedCase, async (generated) => {
			await checkCase(generated);
		}),
		{seed, numRuns: casesPerSeed + examples.length, endOnFailure: true, examples: examples.map((each) => [each] as [GeneratedCase])},
	);
	if (details.failed) {
		tally.counterexamples++;
		throw new Error(`counterexample (seed ${seed}, path ${details.counterexamplePath}): ${JSON.stringify(details.counterexample)}\n${String(details.errorInstance)}`);
	}
}


/** The branches hit and the cases run, for the file's log. */
export function tallyText(seed: number): string {
	const table = [...hits.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([branch, times]) => `  ${String(times).padStart(4)}  ${branch}`);
	return `generated cases: ${tally.casesRun} run, ${tally.counterexamples} counterexamples; seed ${seed}\nbranches hit:\n${table.join('\n')}`;
}
