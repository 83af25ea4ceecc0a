import type {SnapshotSource} from '../model/dashboard-controls.js';

/** The latest of a stream of values (a sweep's progress), for a view to subscribe to. */
export class LatestValue<T> implements SnapshotSource<T> {
	private readonly listeners = new Set<() => void>();

	constructor(private value: T) {}

	readonly subscribe = (listener: () => void) => {
		this.listeners.add(listener);
		return () => {
			this.listeners.delete(listener);
		};
	};

	readonly getSnapshot = () => this.value;

	set(value: T): void {
		this.value = value;
		for (const listener of this.listeners) listener();
	}
}
