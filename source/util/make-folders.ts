import {existsSync, mkdirSync} from 'node:fs';
import {dirname, resolve} from 'node:path';

/**
 * Makes `path` and the folders above it that are missing, one at a time. Not mkdirSync's
 * `recursive`: on Node 20 it never returns for a path under /proc (it retries ENOENT forever),
 * which hung the tour with XDG_STATE_HOME=/proc/nope. Throws what mkdir throws.
 */
export function makeFolders(path: string): void {
	const missing: string[] = [];
	for (let at = resolve(path); !existsSync(at); at = dirname(at)) {
		missing.push(at);
		if (dirname(at) === at) break;
	}

	for (const folder of missing.reverse()) mkdirSync(folder);
}
