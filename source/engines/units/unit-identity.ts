import {currentThreadPlace} from '../../measure/thread-info.js';
import {processStats, type ProcessStats} from './run-task.js';

/** Who a unit of execution is, answered to the pool's warm-up ping. */
export type UnitIdentity = ProcessStats & {readonly pid: number; readonly tid: number | null};

export function unitIdentity(): UnitIdentity {
	return {pid: process.pid, tid: currentThreadPlace().tid, ...processStats()};
}
