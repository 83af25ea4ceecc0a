import type {EngineName, ThreadStrategy} from '../../model/run-config.js';
import type {WorkloadSpec} from '../../workloads/resolve-task.js';
import type {EventSink} from './event-sink.js';
import type {MeasureWindow, WindowFigures} from './measure-window.js';

/** What one host is asked to run. */
export type EnginePlan = {
	readonly engine: EngineName;
	readonly tasks: number;
	readonly pool: number;
	readonly threads: ThreadStrategy;
	readonly work: WorkloadSpec;
	/** Heap limit of each unit (threads, processes) in MB; the host itself is started with it. */
	readonly heapLimitMb: number | null;
};

/** What an engine measured beside its host's own figures. */
type EngineOutcome = {
	readonly figures: WindowFigures;
	readonly startupMs: number;
	/** CPU ms and summed peak RSS of child processes (the process engine's units). */
	readonly childCpuMs: number;
	readonly childPeakRssBytes: number;
	readonly unitsStarted: number;
};

export type EngineRunner = (plan: EnginePlan, sink: EventSink, window: MeasureWindow) => Promise<EngineOutcome>;
