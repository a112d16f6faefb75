/**
 * Work spread over worker threads, results kept in order: what `--jobs N` runs on. A command maps its
 * files to serialisable per-file results with {@link inOrder} and a {@link WorkerPool}; each worker is
 * the CLI bundle itself (dist/cli.js), started with {@link WORKER_FLAG} and serving {@link serveTasks}.
 */

import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

/** Set in `workerData` when the CLI bundle is started as a pool worker rather than as the CLI. */
export const WORKER_FLAG = 'imrAnnotatePoolWorker';

/** The default `--jobs`: the threads the machine can run at once. */
export function defaultJobs(): number {
  return availableParallelism();
}

/** A task a worker runs: serialisable input to serialisable output (structured clone). */
export type Task = (input: never) => unknown;

/** The script a worker runs, and the Node options it needs (`--require tsx/cjs` when it is TypeScript source). */
export interface WorkerEntry {
  readonly filename: string;
  readonly execArgv?: readonly string[];
}

interface Request {
  readonly id: number;
  readonly task: string;
  readonly input: unknown;
}

type Reply = { readonly id: number; readonly ok: true; readonly value: unknown } | { readonly id: number; readonly ok: false; readonly error: string };

/** Whether this thread is a pool worker (see {@link WORKER_FLAG}). */
export function isPoolWorker(): boolean {
  return !isMainThread && (workerData as Record<string, unknown> | null)?.[WORKER_FLAG] === true;
}

/** In a pool worker: runs each request's task and replies with its result, or its error as a message. */
export function serveTasks(tasks: Readonly<Record<string, Task>>): void {
  const port = parentPort;
  if (!port) return;
  port.on('message', (request: Request) => {
    const task = tasks[request.task];
    void (async () => {
      let reply: Reply;
      try {
        if (!task) throw new Error(`no task "${request.task}" in this worker`);
        reply = { id: request.id, ok: true, value: await (task as (input: unknown) => unknown)(request.input) };
      } catch (error) {
        reply = { id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) };
      }
      port.postMessage(reply);
    })();
  });
}

/** A worker that stopped (crashed, ran out of memory, exited) while it ran a request. */
export class WorkerStopped extends Error {}

interface Slot {
  worker: Worker;
  busy?: { readonly id: number; resolve(value: unknown): void; reject(error: Error): void };
}

/**
 * `size` worker threads running tasks of the CLI bundle, one request each at a time. A worker that
 * stops fails only the request it was running ({@link WorkerStopped}) and is replaced for the next.
 */
export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly waiting: Array<{ request: Request; resolve(value: unknown): void; reject(error: Error): void }> = [];
  private nextId = 0;
  private closed = false;

  constructor(
    private readonly entry: WorkerEntry,
    private readonly size: number,
  ) {}

  /** Runs `task` on `input` in a worker; rejects with the task's error, or {@link WorkerStopped}. */
  run<O>(task: string, input: unknown): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.waiting.push({ request: { id: this.nextId++, task, input }, resolve: resolve as (value: unknown) => void, reject });
      this.dispatch();
    });
  }

  /** Stops every worker. */
  async close(): Promise<void> {
    this.closed = true;
    const slots = this.slots.splice(0);
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }

  private dispatch(): void {
    while (this.waiting.length > 0 && !this.closed) {
      let slot = this.slots.find((s) => !s.busy);
      if (!slot) {
        if (this.slots.length >= this.size) return;
        slot = this.start();
      }
      const { request, resolve, reject } = this.waiting.shift()!;
      slot.busy = { id: request.id, resolve, reject };
      slot.worker.postMessage(request);
    }
  }

  private start(): Slot {
    const worker = new Worker(this.entry.filename, { workerData: { [WORKER_FLAG]: true }, execArgv: [...(this.entry.execArgv ?? [])] });
    const slot: Slot = { worker };
    this.slots.push(slot);
    worker.on('message', (reply: Reply) => {
      const busy = slot.busy;
      if (!busy || busy.id !== reply.id) return;
      slot.busy = undefined;
      if (reply.ok) busy.resolve(reply.value);
      else busy.reject(new Error(reply.error));
      this.dispatch();
    });
    let stopped = false;
    const stop = (why: string): void => {
      if (stopped) return;
      stopped = true;
      const index = this.slots.indexOf(slot);
      if (index >= 0) this.slots.splice(index, 1);
      const busy = slot.busy;
      slot.busy = undefined;
      busy?.reject(new WorkerStopped(why));
      // A replacement starts for the work still waiting.
      this.dispatch();
    };
    worker.on('error', (error) => stop(error instanceof Error ? error.message : String(error)));
    worker.on('exit', (code) => stop(`the worker exited with status ${code}`));
    return slot;
  }
}

/** One input's result: its value, or why it has none. */
export type Settled<O> = { readonly ok: true; readonly value: O } | { readonly ok: false; readonly error: Error };

/**
 * `start(input)` for each input, at most `limit` at once, the results yielded in the inputs' order as
 * soon as each is ready. At most `limit` results are held, whatever the number of inputs, so memory
 * stays flat; a failure is yielded for its input, and the others go on.
 */
export async function* inOrder<I, O>(inputs: Iterable<I>, limit: number, start: (input: I) => Promise<O>): AsyncGenerator<Settled<O>> {
  const pending: Array<Promise<Settled<O>>> = [];
  const settle = (input: I): Promise<Settled<O>> =>
    start(input).then(
      (value): Settled<O> => ({ ok: true, value }),
      (error: unknown): Settled<O> => ({ ok: false, error: error instanceof Error ? error : new Error(String(error)) }),
    );
  for (const input of inputs) {
    if (pending.length >= Math.max(1, limit)) yield await pending.shift()!;
    pending.push(settle(input));
  }
  while (pending.length > 0) yield await pending.shift()!;
}
