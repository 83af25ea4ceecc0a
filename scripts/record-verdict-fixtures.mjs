// Run: npm run build && node scripts/record-verdict-fixtures.mjs
// Records the result documents the verdict matrix test (test/verdict-matrix.test.ts) checks the
// verdict against: every workload and a task module × pool 1, cores and 2 × cores × 1 and 3 rounds,
// on this machine, real runs. Re-record when the document's shape changes; the test re-derives
// the verdict from each document with the current code, so wording changes need no re-recording.
import {execFileSync} from 'node:child_process';
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

for (const [name, workload] of workloads) {
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
