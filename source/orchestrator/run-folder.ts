import {mkdirSync, mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {UsageError} from '../util/usage-error.js';
import {guardFolder, releaseFolder} from './reaper.js';
import {runFolderPrefix} from './run-folder-name.js';

/** Folders alive now, so an exit of concur-tui removes them. */
const liveFolders = new Set<RunFolder>();

export function removeAllRunFolders(): void {
	for (const folder of liveFolders) folder.remove();
}

/**
 * The temporary folder of a `-w fs` run (in the OS's temporary directory, TMPDIR), one subfolder
 * per engine's round. Removed when the run ends, at concur-tui's exit, and by the reaper when
 * concur-tui is killed.
 */
export class RunFolder {
	readonly path: string;

	constructor() {
		try {
			this.path = mkdtempSync(join(tmpdir(), runFolderPrefix));
		} catch (error) {
			// A TMPDIR that is missing, read-only or not ours is the user's setting, not concur-tui's failure.
			const {code, message} = error as NodeJS.ErrnoException;
			throw new UsageError(`-w fs cannot make a folder in ${tmpdir()} (TMPDIR): ${code ?? message}`);
		}

		guardFolder(this.path);
		liveFolders.add(this);
	}

	/** A fresh folder for one engine's round: its tasks' files never meet another engine's. */
	engineFolder(key: string): string {
		const path = join(this.path, key);
		mkdirSync(path, {recursive: true});
		return path;
	}

	/** Removes an engine's folder once it ended: the next engine writes to a disk as empty as the first did. */
	removeEngineFolder(key: string): void {
		try {
			rmSync(join(this.path, key), {recursive: true, force: true, maxRetries: 5, retryDelay: 10});
		} catch {
			// Left for the run's end.
		}
	}

	/**
	 * Removes the folder. A host being killed may still create a file in it meanwhile (ENOTEMPTY):
	 * tried again a few times; what still cannot be removed is left to the reaper, which removes
	 * it once concur-tui is gone and every host with it.
	 */
	remove(): void {
		if (!liveFolders.delete(this)) return;
		try {
			rmSync(this.path, {recursive: true, force: true, maxRetries: 5, retryDelay: 10});
			releaseFolder(this.path);
		} catch {
			// Still guarded: the reaper removes it.
		}
	}
}
