/**
 * libuv's thread pool size in a process with this environment, as libuv reads UV_THREADPOOL_SIZE
 * when the pool starts: 4 when unset; else its leading number (atoi), 0 or none read as 1, and no
 * more than 1024 (a negative one wraps past that, as libuv's unsigned count does).
 */
export function libuvPoolSize(env: NodeJS.ProcessEnv = process.env): number {
	const text = env.UV_THREADPOOL_SIZE;
	if (text === undefined) return 4;
	const parsed = Number.parseInt(text.trim(), 10);
	const count = Number.isNaN(parsed) ? 0 : parsed;
	if (count === 0) return 1;
	return count < 0 || count > 1024 ? 1024 : count;
}
