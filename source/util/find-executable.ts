import {accessSync, constants} from 'node:fs';
import {delimiter, join} from 'node:path';

/** The absolute path of `name` on the PATH, or null: a program concur-tui uses if it is there. */
export function findExecutable(name: string, path = process.env.PATH ?? ''): string | null {
	for (const folder of path.split(delimiter).filter(Boolean)) {
		const candidate = join(folder, name);
		try {
			accessSync(candidate, constants.X_OK);
			return candidate;
		} catch {
			// Not in this folder (or not executable): the next one.
		}
	}

	return null;
}
