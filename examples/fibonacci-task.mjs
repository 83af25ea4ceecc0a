// Run: concur-tui --task example:fibonacci      (CPU-bound: threads and processes win on many cores)
// A task module: its default export runs once per task, in all three engines.
// `input` is {index, taskMs}; call `progress(0..1)` every ~50 ms and honour `signal` to stop early.
// Each task does the same work (20 × fibonacci(32), about 0.3 s of one core here), whatever
// the engine: a fixed amount of work, never a fixed time, so the engines can be compared.

function fibonacci(n) {
	return n < 2 ? n : fibonacci(n - 1) + fibonacci(n - 2);
}

export default function fibonacciTask(input, {progress, signal}) {
	const rounds = 20;
	let sum = 0;
	for (let round = 0; round < rounds; round++) {
		signal.throwIfAborted();
		sum += fibonacci(32);
		progress((round + 1) / rounds);
	}

	return sum;
}
