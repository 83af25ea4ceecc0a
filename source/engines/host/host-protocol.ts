import type {WireEvent} from '../../bus/events.js';
import type {WorkloadName} from '../../config/run-config.js';
import type {Calibration, HostMeasurements} from '../../result/result-types.js';
import type {EnginePlan} from './engine-plan.js';

/** UI process -> host. */
export type HostRequest =
	| {readonly type: 'prepare'; readonly workload: WorkloadName; readonly modulePath: string | null}
	| {readonly type: 'run'; readonly plan: EnginePlan};

/** Host -> UI process. Event times are epoch ms. */
export type HostReply =
	| {readonly type: 'prepared'; readonly calibration: Calibration}
	| {readonly type: 'rejected'; readonly message: string}
	| {readonly type: 'events'; readonly events: WireEvent[]}
	| {readonly type: 'done'; readonly measurements: HostMeasurements}
	| {readonly type: 'failed'; readonly message: string};
