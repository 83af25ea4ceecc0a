// workerpool 10.0.3 hangs once every worker has exited by itself (process.exit, a crash, a kill
// from outside) while tasks wait in its queue. Two causes, both in src/WorkerHandler.js:
// - a dead worker's tasks are rejected before its list of tasks in progress is emptied, and the
//   pool's handlers run synchronously inside the rejection: they terminate the worker, see it
//   still "busy" and wait for an answer that never comes;
// - terminate() then waits for an 'exit' event that was emitted already.
// The pool's next dispatch waits on that termination, so the queue never moves again.
// The same change, with workerpool's own tests, is patches/workerpool-10.0.3-worker-exited-by-itself.patch
// (ready to send upstream). Each pair is [what 10.0.3 has, what it becomes].
export const workerpoolExitFix = [
	[
		`    me.terminated = true;

    for (var id in me.processing) {
      if (me.processing[id] !== undefined) {
        me.processing[id].resolver.reject(error);
      }
    }

    me.processing = Object.create(null);
  }`,
		`    me.terminated = true;

    var processing = me.processing;
    me.processing = Object.create(null);

    for (var id in processing) {
      if (processing[id] !== undefined) {
        processing[id].resolver.reject(error);
      }
    }
  }`,
	],
	[
		`  this.worker.on('exit', function (exitCode, signalCode) {
    var message`,
		`  this.worker.on('exit', function (exitCode, signalCode) {
    me.exited = true;
    var message`,
	],
	[
		`        if (this.worker.killed) {
          cleanup(new Error('worker already killed!'));
          return;
        }
`,
		`        if (this.worker.killed) {
          cleanup(new Error('worker already killed!'));
          return;
        }

        if (me.exited) {
          cleanup();
          return;
        }
`,
	],
];
