import type {HostWireEvent} from '../../model/task-batches.js';
import type {WorkloadName} from '../../model/run-config.js';
import type {Calibration, HostMeasurements} from '../../model/result-types.js';
import type {EnginePlan} from './engine-plan.js';

/** UI process -> host. */
export type HostRequest =
	| {readonly type: 'prepare'; readonly workload: WorkloadName; readonly modulePath: string | null}
	| {readonly type: 'run'; readonly plan: EnginePlan};

/** Host -> UI process. Event times are epoch ms. */
export type HostReply =
	| {readonly type: 'prepared'; readonly calibration: Calibration}
	| {readonly type: 'rejected'; readonly message: string}
	| {readonly type: 'events'; readonly events: HostWireEvent[]}
	| {readonly type: 'done'; readonly measurements: HostMeasurements}
	| {readonly type: 'failed'; readonly message: string};

/**
 * Every message between concur-tui and a host carries this tag. A task module on the async
 * engine runs in the host and shares its IPC channel: whatever it sends itself
 * (`process.send({type: 'done'})`) has no tag, and is never taken for the host's reply.
 */
export const hostMessageTag = '__concur_tui_host__';

export type Tagged<T> = T & {readonly [hostMessageTag]: true};

export function tagged<T extends object>(message: T): Tagged<T> {
	return {...message, [hostMessageTag]: true};
}

export function isTagged(message: unknown): boolean {
	return typeof message === 'object' && message !== null && (message as Record<string, unknown>)[hostMessageTag] === true;
}
