import type {ServedRequest} from '../model/events.js';

export type {ServedRequest} from '../model/events.js';

/** Messages from concur-tui to the delay server, and its answers, over the fork's IPC channel. */
export type DelayServerRequest = {readonly type: 'take'; readonly key: string};
export type DelayServerReply =
	| {readonly type: 'listening'; readonly port: number}
	| {readonly type: 'failed'; readonly error: string}
	| {readonly type: 'served'; readonly key: string; readonly requests: readonly ServedRequest[]};

/** The largest response and the longest delay a request may ask for. */
export const delayLimits = {bytes: 16 * 1024 * 1024, ms: 600_000} as const;
