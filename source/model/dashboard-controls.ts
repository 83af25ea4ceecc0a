/** What the dashboard's keys can ask for; the session behind it decides how. */
export type DashboardControls = {
	readonly rerun: () => void;
	readonly nextWorkload: () => void;
	readonly changeTasks: (direction: 1 | -1) => void;
	readonly changePool: (direction: 1 | -1) => void;
	readonly toggleMode: () => void;
	readonly writeTrace: () => void;
	readonly quit: () => void;
	/** Ctrl+Z: the terminal restored and concur-tui stopped, as any terminal program; `fg` redraws it. */
	readonly suspend: () => void;
	/** Puts a short line in the footer for a few seconds (a key that cannot do what it does here). */
	readonly tell: (notice: string) => void;
};

/** The store as components see it: something to subscribe to and read snapshots from. */
export type SnapshotSource<T> = {
	readonly subscribe: (listener: () => void) => () => void;
	readonly getSnapshot: () => T;
};
