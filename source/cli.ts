#!/usr/bin/env node
// The bin. It only loads concur-tui (main.ts): a machine that cannot even do that (out of file
// descriptors, a package file missing) gets one line and an exit code, not Node's stack. This file
// imports nothing of concur-tui's, so it loads whatever happens to the rest.
import {readFileSync} from 'node:fs';

/** sysexits' EX_OSERR, as for the machine's other limits; EX_SOFTWARE for a broken install. */
const machineLimitCode = 71;
const internalCode = 70;

function openFileLimit(): string {
	try {
		return /^Max open files\s+(\S+)/m.exec(readFileSync('/proc/self/limits', 'utf8'))?.[1] ?? '?';
	} catch {
		return '?';
	}
}

try {
	await import('./main.js');
} catch (error) {
	const {code, message} = (error ?? {}) as {code?: unknown; message?: unknown};
	// eslint-disable-next-line no-control-regex -- control characters are what is replaced
	const oneLine = (text: string) => text.replaceAll(/[\u0000-\u001F\u007F-\u009F]+/g, ' ');
	if (code === 'EMFILE' || code === 'ENFILE') {
		// The loader's other reads still hold descriptors for a moment: the limit is read after them.
		await new Promise((resolve) => {
			setTimeout(resolve, 100);
		});
		const which = code === 'EMFILE' ? `the open-file limit of this process was reached (ulimit -n ${openFileLimit()})` : "the machine's open-file limit was reached (fs.file-max)";
		process.stderr.write(`concur-tui: could not load concur-tui: ${which}\n`);
		process.exit(machineLimitCode);
	}

	process.stderr.write(`concur-tui: could not load concur-tui (a broken install?): ${oneLine(String(message ?? error))}\n`);
	process.exit(internalCode);
}
