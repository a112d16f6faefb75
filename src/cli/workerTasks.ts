/** The tasks a pool worker (the CLI bundle started by `--jobs N`) can run, by name: one entry per command that uses the pool. */

import { checkTask } from './checkFile';
import type { Task } from './pool';
import { reportFile } from './reportCommand';

export const WORKER_TASKS: Readonly<Record<string, Task>> = {
  check: checkTask,
  report: reportFile,
};
