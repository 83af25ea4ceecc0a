/** Reads one key press from a terminal's stdin (raw mode, for that key only). Needs stdin to be a terminal. */
export async function readKey(): Promise<string> {
	const {stdin} = process;
	stdin.setRawMode(true);
	stdin.resume();
	const key = await new Promise<string>((resolve) => {
		stdin.once('data', (data: Buffer) => resolve(data.toString('utf8')));
	});
	stdin.setRawMode(false);
	stdin.pause();
	return key;
}
