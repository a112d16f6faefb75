/** A pool worker for the tests of src/cli/pool.ts: tasks that answer, fail, or stop the worker, on demand. */

import { threadId } from 'node:worker_threads';
import { serveTasks } from '../../../src/cli/pool';

serveTasks({
  /** The input doubled, after `delay` ms: results finish out of order. */
  double: async ({ value, delay }: { value: number; delay: number }) => {
    await new Promise((resolve) => setTimeout(resolve, delay));
    return { value: value * 2, thread: threadId };
  },
  /** Throws: the task's error, the worker lives on. */
  fail: ({ message }: { message: string }) => {
    throw new Error(message);
  },
  /** Ends the worker's thread, as a crash would. */
  exit: () => process.exit(7),
});
