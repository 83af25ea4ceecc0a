/**
 * Whether this looks like a CI job, by the rule Ink itself uses (is-in-ci): CI set and not "0" or
 * "false", CONTINUOUS_INTEGRATION set, or any CI_* variable. Ink then draws only the last frame,
 * so a live dashboard would show nothing until it quits: concur-tui prints its report instead.
 */
export function isCiEnvironment(env: NodeJS.ProcessEnv = process.env): boolean {
	if (env.CI === '0' || env.CI === 'false') return false;
	return 'CI' in env || 'CONTINUOUS_INTEGRATION' in env || Object.keys(env).some((key) => key.startsWith('CI_'));
}
