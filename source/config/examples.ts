/**
 * The task modules shipped with concur-tui (`--task example:NAME`, in examples/), and what each
 * task of one does: a module sets its tasks' length itself (none of these reads --task-ms), so
 * the header says the work, not a length it ignores.
 */
export const exampleWork = {
	fibonacci: '20 × fibonacci(32) each',
	io: 'a file written, 500 ms waited, read back',
	mixed: 'a document summarised around a 150 ms wait',
} as const;

export type ExampleName = keyof typeof exampleWork;
export const exampleNames = Object.keys(exampleWork) as ExampleName[];

/** The shipped example a module path is, or null for a user's own module. */
export function exampleOf(modulePath: string | null): ExampleName | null {
	const name = /[/\\]examples[/\\]([a-z-]+)-task\.mjs$/.exec(modulePath ?? '')?.[1];
	return name !== undefined && name in exampleWork ? (name as ExampleName) : null;
}
