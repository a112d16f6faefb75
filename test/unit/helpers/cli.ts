/** The CLI run in-process, its output collected, for the tests of `imr-annotate check`. */

import { run } from '../../../src/cli/main';

export interface CliRun {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI with `argv` and collects what it writes. */
export async function cli(...argv: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const status = await run(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { status, stdout, stderr };
}
