import {UsageError} from '../util/usage-error.js';

/** Short switches: what each stands for. */
const shortSwitches: Readonly<Record<string, string>> = {h: '--help', v: '--version', V: '--version'};

/**
 * Arguments as getopt reads them, so meow sees one flag an argument: `-h`, `-v`, `-V` become
 * --help and --version, and a group of short flags is split: `-vn 4` is `--version -n 4`, `-n4`
 * is `-n 4` (a flag that takes a value takes the rest of the group, or the next argument).
 * A letter that is no short flag in a group is a usage error naming it. After `--`, nothing is read.
 */
export function expandShortFlags(argv: readonly string[], valuedShortFlags: ReadonlySet<string>): string[] {
	const expanded: string[] = [];
	for (let index = 0; index < argv.length; index++) {
		const arg = argv[index]!;
		if (arg === '--') {
			expanded.push(...argv.slice(index));
			break;
		}

		// Not a group of letters: a long flag, a value, a negative number.
		if (!/^-[A-Za-z]/.test(arg)) {
			expanded.push(arg);
			continue;
		}

		for (let at = 1; at < arg.length; at++) {
			const letter = arg[at]!;
			const long = shortSwitches[letter];
			if (long !== undefined) {
				expanded.push(long);
				continue;
			}

			if (valuedShortFlags.has(letter)) {
				const rest = arg.slice(at + 1).replace(/^=/, '');
				if (rest !== '') expanded.push(`-${letter}`, rest);
				else expanded.push(`-${letter}`, ...(index + 1 < argv.length ? [argv[++index]!] : []));
				break;
			}

			throw new UsageError(arg.length === 2 ? `unknown flag ${arg} (see concur-tui --help)` : `unknown flag -${letter} in "${arg}" (see concur-tui --help)`);
		}
	}

	return expanded;
}
