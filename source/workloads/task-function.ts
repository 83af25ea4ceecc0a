/** What every task receives: the same shape for built-in workloads and users' modules. */
type TaskInput = {
	/** The task's index in the run, 0-based. */
	readonly index: number;
	/** The configured task size (--task-ms). */
	readonly taskMs: number;
};

export type TaskContext = {
	/** Report progress 0..1; call it at least every ~50 ms of work. */
	readonly progress: (fraction: number) => void;
	/** Aborted when the run is stopped; honour it to stop early (cancellation is cooperative). */
	readonly signal: AbortSignal;
	/** A task module's: the task's index in the run and the configured size (its input is --task-arg's JSON when given). */
	readonly index?: number;
	readonly taskMs?: number;
};

export type TaskFunction = (input: TaskInput, context: TaskContext) => unknown;
