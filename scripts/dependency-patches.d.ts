export type DependencyPatch = {
	readonly name: string;
	readonly file: RegExp;
	readonly files: number;
	apply(source: string, path: string): string;
};
export const dependencyPatches: readonly DependencyPatch[];
export function patchFor(path: string): DependencyPatch | undefined;
