import {basename, dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';

/**
 * Path of a built entry point (host.js, worker.js, ...). Bundled code lives in dist/ (or a
 * chunk folder below it); code run from source (tests) finds dist/ at the project root.
 */
export function distFile(name: string): string {
	let folder = dirname(fileURLToPath(import.meta.url));
	while (basename(folder) !== 'dist') {
		if (basename(folder) === 'source') return join(dirname(folder), 'dist', name);
		const parent = dirname(folder);
		if (parent === folder) throw new Error(`cannot locate dist/${name}: run npm run build`);
		folder = parent;
	}

	return join(folder, name);
}

/** The examples shipped with concur-tui (beside dist/ in the package): `--task example:NAME`. */
export function examplePath(name: string): string {
	return join(dirname(distFile('cli.js')), '..', 'examples', `${name}-task.mjs`);
}
