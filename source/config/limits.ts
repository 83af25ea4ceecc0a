/**
 * The largest value each setting takes, in one place: the flags refuse more, the dashboard's keys
 * stop there, and the help says so.
 */
export const runLimits = {tasks: 100_000, pool: 1024, taskMs: 3_600_000, fps: 60, heapLimitMb: 65_536, runs: 100, netPort: 65_535, uvThreads: 1024, fsTasks: 5000} as const;
