export function seconds(ms: number): string {
	return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${(ms / 1000).toFixed(2)} s`;
}

export function milliseconds(ms: number): string {
	// 99.96 is "100 ms", not "100.0 ms": the rule goes by the figure as it would be shown.
	return Number(ms.toFixed(1)) >= 100 ? `${Math.round(ms)} ms` : `${ms.toFixed(1)} ms`;
}

export function megabytes(bytes: number): string {
	return `${Math.round(bytes / 1024 / 1024)} MB`;
}

export function times(ratio: number): string {
	return `${ratio.toFixed(2)}×`;
}

/** "1 core", "2 cores". */
export function coresText(count: number): string {
	return count === 1 ? '1 core' : `${count} cores`;
}

/** A CPU quota in cores' worth: "1.0 core", "1.5 cores", "0.5 core" (one decimal, as the machine line gives it). */
export function quotaText(cores: number): string {
	return `${cores.toFixed(1)} ${cores > 1.05 ? 'cores' : 'core'}`;
}
