// Run: concur-tui --task examples/fibonacci-task.mjs --tasks 6
// A task module: its default export runs once per task, in all three engines.
// `input` is {index, taskMs}; call `progress(0..1)` every ~50 ms and honour `signal` to stop early.

function fibonacci(n) {
	return n < 2 ? n : fibonacci(n - 1) + fibonacci(n - 2);
}

export default function fibonacciTask(input, {progress, signal}) {
	const rounds = 10;
	let sum = 0;
	for (let round = 0; round < rounds; round++) {
		signal.throwIfAborted();
		sum += fibonacci(24 + (input.index % 3));
		progress((round + 1) / rounds);
	}

	return sum;
}
