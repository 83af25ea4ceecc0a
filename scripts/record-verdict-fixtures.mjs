// Run: npm run build && node scripts/record-verdict-fixtures.mjs [--only issue]
// Records the result documents the verdict matrix test (test/verdict-matrix.test.ts) checks the
// verdict against: every workload and a task module × pool 1, cores and 2 × cores × 1 and 3 rounds,
// on this machine, real runs; then the runs the lesson issue quoted wrong sentences from (issue-*),
// one of them with two busy loops of other load. Re-record when the document's shape changes; the
// test re-derives the verdict from each document with the current code, so wording changes need
// no re-recording.
import {execFileSync, spawn} from 'node:child_process';
import {writeFileSync} from 'node:fs';
import {availableParallelism} from 'node:os';
import {fileURLToPath} from 'node:url';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const folder = fileURLToPath(new URL('../test/fixtures/verdicts/', import.meta.url));
const cores = availableParallelism();
const workloads = [
	['cpu', ['-w', 'cpu', '--task-ms', '150']],
	['sleep', ['-w', 'sleep', '--task-ms', '150']],
	['hash', ['-w', 'hash', '--task-ms', '150']],
	['mixed', ['-w', 'mixed', '--task-ms', '150']],
	['module', ['--task', 'example:mixed']],
];

const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : null;

function record(file, args) {
	const document = execFileSync(process.execPath, [cli, ...args, '--json'], {encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], env: {...process.env, CI: ''}});
	// Compact: the documents are read by the test, not by people.
	writeFileSync(`${folder}${file}`, JSON.stringify(JSON.parse(document)));
	console.log(file, JSON.parse(document).verdict);
}

const waitingModule = fileURLToPath(new URL('../test/fixtures/modules/waits-two-seconds.mjs', import.meta.url));
const issueRuns = [
	['issue-sleep-1000', ['-w', 'sleep', '--task-ms', '1000']],
	['issue-seed-io-runs3', ['--preset', 'seed-io', '--runs', '3']],
	['issue-hash', ['-w', 'hash']],
	['issue-waiting-module-pool3', ['--task', waitingModule, '-n', '3', '-p', '3']],
	['issue-threads-processes', ['-w', 'sleep', '-e', 'threads,processes', '--task-ms', '200']],
	['issue-too-short', ['-w', 'sleep', '--task-ms', '10', '-n', '2', '-p', '2']],
];

if (only === null || only === 'issue') {
	for (const [name, args] of issueRuns) record(`${name}.json`, args);
	// Other load: two busy loops, one a core, while cpu runs with a pool of 8.
	const loops = [0, 1].map(() => spawn(process.execPath, ['-e', 'for (;;) {}'], {stdio: 'ignore'}));
	try {
		record('issue-cpu-loaded.json', ['-w', 'cpu', '-p', '8', '--force']);
	} finally {
		for (const loop of loops) loop.kill('SIGKILL');
	}

	// A sweep with about one core of other load: perfectly parallel work looked serial.
	const loop = spawn(process.execPath, ['-e', 'for (;;) {}'], {stdio: 'ignore'});
	try {
		record('sweeps/issue-sweep-loaded.json', ['sweep', '-w', 'cpu', '--pools', '1,2', '--runs', '1', '-n', '8', '--task-ms', '100']);
	} finally {
		loop.kill('SIGKILL');
	}
}

for (const [name, workload] of only === 'issue' ? [] : workloads) {
	for (const pool of [1, cores, 2 * cores]) {
		for (const runs of [1, 3]) {
			const args = [cli, ...workload, '-n', '4', '-p', String(pool), '--runs', String(runs), '--json'];
			const document = execFileSync(process.execPath, args, {encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit']});
			const file = `${folder}${name}-pool${pool}-runs${runs}.json`;
			// Compact: the documents are read by the test, not by people.
			writeFileSync(file, JSON.stringify(JSON.parse(document)));
			console.log(file, JSON.parse(document).verdict);
		}
	}
}
