/** Strong scaling (the same work at every size: Amdahl) or weak (work grows with the pool: Gustafson). */
export type SweepWork = 'fixed' | 'scaled';
export const sweepWorkNames: readonly SweepWork[] = ['fixed', 'scaled'];

/** Tasks a sweep runs at pool size n: the same at every size (fixed work), or the same per unit (scaled). */
export function sweepTasksAt(work: SweepWork, tasks: number, n: number): number {
	return work === 'fixed' ? tasks : tasks * n;
}
