import {runLimits} from '../config/limits.js';

// Every line fits 80 columns once meow indents it by 2 (test/cli-usage.test.ts checks).
export const helpText = `
	concur-tui runs the same real workload three ways (async on one event loop,
	a pool of worker threads, a pool of processes) and shows what each did,
	measured.

	Usage
	  $ concur-tui [options]
	  $ concur-tui sweep [options]   threads and processes at each pool size:
	                                 speedup, fitted laws, a recommended pool
	  $ concur-tui replay FILE       the plain report of a run saved with --save
	                                 or --json; exits 1 if a task did not end ok
	  $ concur-tui tour              the note chapter by chapter: predict, then
	                                 measure here; --chapter N (0..8), --list,
	                                 --auto (default predictions), --json;
	                                 exits 1 if a chapter could not show its claim

	Workload
	  -w, --workload NAME   cpu | sleep | hash | mixed | net | fs   (default: cpu)
	                        net: real HTTP requests to a local delay server
	                        answering each after --task-ms
	                        fs: file writes, fsync and reads in a temporary
	                        folder, on libuv's pool (see --uv-threads)
	  --task FILE           your task module: export default (input, {progress,
	                        signal}) => result; or a shipped one by name:
	                        example:fibonacci | example:io | example:mixed
	  -n, --tasks N         number of tasks, 1..${runLimits.tasks}  (default: max(8, 2×cores))
	  --task-ms MS          size of one task      (default: 4000 / tasks, 10..300)
	  --task-arg JSON       --task: every task's input (its index stays in the
	                        context); .ts modules need Node 22.18 or later
	  --net-port N          -w net: the delay server's port on 127.0.0.1
	                        (default: one the OS picks)
	  --preset NAME         seed-io (3 × 2 s sleeps, a thread or process each) |
	                        seed-cpu (4 × 700 ms cpu tasks, pool = cores)

	Engines
	  -e, --engines LIST    any of async,threads,processes         (default: all)
	  -p, --pool N          threads or processes in each pool, 1..${runLimits.pool}
	                                                (default: cores, at least 2)
	  --threads KIND        pool (a pool of threads) | spawn (a thread per task)
	  -m, --mode MODE       sequential (one engine at a time) | race (all at once)
	  --runs N              rounds: each engine runs N times in a rotating order;
	                        the median round is shown with the spread, 1..${runLimits.runs}
	  --cpus LIST           pin every engine to these CPUs: 0 | 0-3 | 0,2 (Linux,
	                        taskset); the default pool follows their count

	Sweep (concur-tui sweep; --runs defaults to 3)
	  --pools LIST          pool sizes, e.g. 1,2,4,8   (default: 1,2,3,4,6,8, then
	                        doubling, to 2 × cores)
	  --work KIND           fixed: the same tasks at every size (Amdahl; default)
	                        | scaled: --tasks per unit (Gustafson)

	Limits (each task, each unit)
	  --timeout MS          a task still running after MS fails: its thread or
	                        process is stopped and replaced; on async its signal
	                        is aborted (cooperative)
	  --heap-limit MB       heap of each thread and process and of the async
	                        loop, at least 16
	  --uv-threads N        libuv's thread pool (UV_THREADPOOL_SIZE, default 4) in
	                        every engine process, 1..1024: a process's worker
	                        threads share its one pool; each process has its own
	  --force               run even with more units than 4 × cores, or more
	                        memory than 80% of what is available

	Output
	  --json                print the result document (JSON) and exit
	  --trace FILE          also write a Chrome trace (open it in Perfetto)
	  --save FILE           also write the result document (JSON) after each run
	  --exit                dashboard: quit by itself once the result is shown
	  --fps N               dashboard: frames per second at most, 1..${runLimits.fps}  (9)
	  --ascii               draw with ASCII only: # = . : for the blocks (the
	                        default where the locale is not UTF-8; --no-ascii)
	  -h, --help            this text;  -v, --version  the version

	In a terminal concur-tui shows a live dashboard; with stdout piped, --json, or
	CI set, it prints a report instead.

	Figures: ∥ = CPU time ÷ wall time (cores' worth of work at once, on average);
	cores = the most the engine's own processes used at once over 1 s; other
	programs = CPU the rest of the machine used meanwhile (from 0.25 cores on a
	full machine: figures skewed); lag = how late async's event loop is.

	Exit codes: 0 every task ok, 1 a task failed, 2 bad usage, 70 concur-tui
	itself failed, 71 a limit of the machine (processes, open files) reached,
	74 an export not written, 128+n stopped by signal n.

	Examples
	  $ concur-tui --preset seed-io
	  $ concur-tui --workload hash --json
	  $ concur-tui --task example:fibonacci --runs 3 --trace run.trace.json
	  $ concur-tui --task ./my-task.mjs
`;
