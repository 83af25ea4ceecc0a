// Entry of the reaper (dist/reaper.js): a small detached process that outlives nothing. concur-tui
// writes "+PID" for every engine host it starts (each leads its own process group) and "-PID"
// when one ends. When concur-tui dies, whatever kills it (SIGKILL, out of memory, a crash), the
// kernel closes this pipe; the reaper then kills every group left, busy children included, and
// exits. No child has to notice anything by itself. "d+PATH" names a -w fs run's temporary
// folder, removed then too (and "d-PATH" once concur-tui removed it itself).
import {rmSync} from 'node:fs';
import {basename} from 'node:path';
import {endGroup} from './host-containment.js';
import {runFolderPrefix} from './run-folder-name.js';

const groups = new Set<number>();
/** Cgroups of hosts: what left a host's process group is still in its cgroup. */
const cgroups = new Set<string>();
/** Temporary folders of -w fs runs: only concur-tui's own (by name) are ever removed. */
const folders = new Set<string>();
let pending = '';

function reapAll(): never {
	for (const pid of groups) {
		for (const target of [-pid, pid]) {
			try {
				process.kill(target, 'SIGKILL');
			} catch {
				// Already gone.
			}
		}
	}

	for (const cgroup of cgroups) endGroup(cgroup);
	// After the groups: no task writes there any more.
	for (const folder of folders) {
		if (!basename(folder).startsWith(runFolderPrefix)) continue;
		try {
			// A host just killed may still be finishing a write there (ENOTEMPTY): tried again a few times.
			rmSync(folder, {recursive: true, force: true, maxRetries: 10, retryDelay: 50});
		} catch {
			// Removed already, or not ours to remove.
		}
	}

	process.exit(0);
}

process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk: string) => {
	pending += chunk;
	const lines = pending.split('\n');
	pending = lines.pop() ?? '';
	for (const line of lines) {
		if (line.startsWith('g+')) cgroups.add(line.slice(2));
		else if (line.startsWith('g-')) cgroups.delete(line.slice(2));
		else if (line.startsWith('d+')) folders.add(decodeURIComponent(line.slice(2)));
		else if (line.startsWith('d-')) folders.delete(decodeURIComponent(line.slice(2)));
		if (line.startsWith('g') || line.startsWith('d')) continue;
		const pid = Number(line.slice(1));
		if (!Number.isInteger(pid) || pid <= 0) continue;
		if (line.startsWith('+')) groups.add(pid);
		else groups.delete(pid);
	}
});
process.stdin.on('end', reapAll);
process.stdin.on('close', reapAll);
process.stdin.on('error', reapAll);
// Signals meant for the terminal's foreground group never reach this detached process; these
// come from someone who wants it gone: clean up first.
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.on(signal, reapAll);
