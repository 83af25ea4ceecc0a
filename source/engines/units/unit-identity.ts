import {currentThreadPlace} from '../../measure/thread-info.js';

/** CPU ms and peak RSS of this unit's process so far. */
type ProcessStats = {readonly processCpuMs: number; readonly maxRssBytes: number};

function processStats(): ProcessStats {
	const usage = process.resourceUsage();
	return {processCpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000, maxRssBytes: usage.maxRSS * 1024};
}

/** Who a unit of execution is, answered to the pool's warm-up ping. */
export type UnitIdentity = ProcessStats & {readonly pid: number; readonly tid: number | null};

export function unitIdentity(): UnitIdentity {
	return {pid: process.pid, tid: currentThreadPlace().tid, ...processStats()};
}
