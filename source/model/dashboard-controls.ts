/** What the dashboard's keys can ask for; the session behind it decides how. */
export type DashboardControls = {
	readonly rerun: () => void;
	readonly nextWorkload: () => void;
	readonly changeTasks: (direction: 1 | -1) => void;
	readonly changePool: (direction: 1 | -1) => void;
	readonly toggleMode: () => void;
	readonly writeTrace: () => void;
	readonly quit: () => void;
};

/** The store as components see it: something to subscribe to and read snapshots from. */
export type SnapshotSource<T> = {
	readonly subscribe: (listener: () => void) => () => void;
	readonly getSnapshot: () => T;
};
