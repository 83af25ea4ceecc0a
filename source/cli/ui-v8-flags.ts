import v8 from 'node:v8';

/** 15 × V8's default (67,584 here): a function is optimized after about 15 times the work. */
const interruptBudget = 1_000_000;
/** V8 11 (Node 20) has --interrupt-budget; where it was measured. */
const interruptBudgetKnown = Number(process.versions.v8.split('.')[0]) < 12;

/**
 * V8 settings for concur-tui's own process, which draws and folds events but runs no workload.
 * Both are set at run time, where V8 reads them at each use (given on the command line, the
 * growth factor did not hold here, and a start-up flag would need a second process).
 *
 * - Young generation kept at its initial size: V8 would double it (16 -> 32 MB here) once enough
 *   has survived collections, for throughput the UI does not need. A dashboard's RSS stayed flat
 *   over 200 reruns (about 30 MB less) at the same CPU; a headless run's peak fell from 80-83 to
 *   68-70 MB at 10,000 tasks on each engine, 133 to 106 MB at 100,000.
 * - Optimizing compiler later: in the default run's first seconds TurboFan compiled about 100
 *   functions on V8's helper threads, 2% of a core, more than the UI's frames themselves need
 *   (the main thread: 2.5-2.75%). Compiled only once 15 times hotter, the whole process took
 *   2.75-3.25% (4.25-6.0% before); through 100,000 tasks, 3.5-3.7% (3.9-4.5%). See
 *   docs/decisions.md.
 */
export function tuneV8ForTheUi(): void {
	v8.setFlagsFromString('--semi-space-growth-factor=1');
	// V8 12 (Node 22) dropped the flag, and says so on stderr ("unrecognized flag") at every run.
	if (interruptBudgetKnown) v8.setFlagsFromString(`--interrupt-budget=${interruptBudget}`);
}
