import {readKey} from './read-key.js';

/**
 * Asks a yes/no question on the terminal before the dashboard starts and reads one key:
 * y runs, anything else (n, Enter, Ctrl+C, q) does not. Needs stdin to be a terminal.
 */
export async function confirm(question: string): Promise<boolean> {
	process.stderr.write(`${question} [y/N] `);
	const key = await readKey();
	const yes = key.trim().toLowerCase() === 'y';
	process.stderr.write(`${yes ? 'y' : 'n'}\n`);
	return yes;
}
