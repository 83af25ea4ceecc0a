export const helpText = `
	Usage
	  $ concur-tui [options]

	Runs the same real workload three ways (async on one event loop, a pool of worker
	threads, a pool of processes) and shows what each did, measured.

	Workload
	  --workload, -w NAME   cpu | sleep | hash | mixed                      (default: cpu)
	  --task FILE           your own task module: export default (input, {progress, signal}) => result
	                        or example:fibonacci | example:io | example:mixed (shipped)
	  --tasks, -n N         number of tasks (1..100000)           (default: max(8, 2 × cores))
	  --task-ms MS          size of one task in ms                 (default: 4000 / tasks, ≤ 300)
	  --preset NAME         seed-io (3 × 2 s sleeps, a thread or process each)
	                        seed-cpu (4 × 700 ms cpu tasks, pool = cores)

	Engines
	  --engines, -e LIST    any of async,threads,processes                 (default: all three)
	  --pool, -p N          threads or processes in each pool (1..1024)    (default: cores)
	  --threads KIND        pool (a workerpool of threads) | spawn (a new thread per task)
	  --mode, -m MODE       sequential (one engine at a time) | race (all at once)
	  --runs N              rounds: each engine runs N times, in a rotating order, and the
	                        median round is reported with the spread (1..100)  (default: 1)

	Limits (each task, each unit)
	  --timeout MS          a task still running after MS fails: its thread or process is
	                        stopped and replaced; on async its signal is aborted (cooperative)
	  --heap-limit MB       heap of each thread and process and of the async loop, ≥ 16
	  --force               run even with more units than 4 × cores, or more memory
	                        than 80% of what is available (else: asked, or refused)

	Output
	  --json                print the result document (JSON) and exit
	  --trace FILE          also write a Chrome trace (open it in Perfetto)
	  --save FILE           also write the result document (JSON) after each run
	  --exit                dashboard: quit by itself once the result is shown
	  --fps N               dashboard: frames per second at most (1..60)   (default: 9)
	  --help, --version

	In a terminal concur-tui shows a live dashboard; with stdout piped, --json, or CI set it
	prints a report instead.

	Figures: ∥ = CPU time ÷ wall time (cores' worth of work at once, on average); cores =
	the most the engine's own processes used at once over 1 s; other programs = CPU the
	rest of the machine used meanwhile (from 0.25 cores on a full machine: figures skewed);
	lag = how late async's event loop is.

	Exit codes: 0 every task ok, 1 a task failed, 2 bad usage, 70 concur-tui itself failed,
	128+n stopped by signal n.

	Examples
	  $ concur-tui --preset seed-io
	  $ concur-tui --workload hash --json
	  $ concur-tui --task example:fibonacci --trace run.trace.json
	  $ concur-tui --task example:io        (also example:mixed; or --task ./your-task.mjs)
`;
