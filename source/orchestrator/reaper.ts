import {spawn, type ChildProcess} from 'node:child_process';
import {distFile} from '../util/dist-file.js';

/** Process groups can be killed whole on POSIX; elsewhere hosts are killed one by one. */
export const hasProcessGroups = process.platform !== 'win32';

let reaper: ChildProcess | undefined;

function reaperProcess(): ChildProcess | undefined {
	if (!hasProcessGroups) return undefined;
	if (!reaper) {
		reaper = spawn(process.execPath, [distFile('reaper.js')], {detached: true, stdio: ['pipe', 'ignore', 'ignore']});
		// It must never keep concur-tui alive, nor be kept alive by it.
		reaper.unref();
		(reaper.stdin as unknown as {unref?: () => void} | null)?.unref?.();
		reaper.stdin?.on('error', () => {
			reaper = undefined;
		});
	}

	return reaper;
}

/** The reaper kills this host's process group if concur-tui dies before releasing it. */
export function guardHost(pid: number): void {
	reaperProcess()?.stdin?.write(`+${pid}\n`);
}

export function releaseHost(pid: number): void {
	reaper?.stdin?.write(`-${pid}\n`);
}

/** SIGKILL to a host's whole process group: the host and every process it forked. */
export function killHostGroup(pid: number): void {
	try {
		process.kill(hasProcessGroups ? -pid : pid, 'SIGKILL');
	} catch {
		// Already gone.
	}
}
