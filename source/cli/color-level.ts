import chalk from 'chalk';

/**
 * NO_COLOR (no-color.org): set and not empty, it turns colour off, unless FORCE_COLOR asks for
 * it. chalk, which Ink also draws with, reads FORCE_COLOR but not NO_COLOR.
 */
export function applyColorPreference(env: NodeJS.ProcessEnv = process.env): void {
	if (env.NO_COLOR && env.FORCE_COLOR === undefined) chalk.level = 0;
}
