/** `check --jobs N`: the files checked in pool workers, their results in the files' order. */

import { checkedOutput, checkFile, type CheckedFile, type CheckIo, type CheckTaskInput, failedReport } from './checkFile';
import type { FoundFile } from './files';
import { inOrder, type WorkerEntry, WorkerPool, WorkerStopped } from './pool';
import { visible } from './report';

/** How many files may be checked or waiting to be written, per job: enough to keep every worker busy. */
const IN_FLIGHT_PER_JOB = 2;

/**
 * Each file checked by `jobs` workers running `entry` (the CLI bundle), yielded in the files' order as
 * soon as it and those before it are done. Standard input is read here, in the CLI's thread. A worker
 * that stops fails its file only: reported as that file's error, and a new worker checks the rest.
 */
export async function* checkedInOrder(
  files: readonly FoundFile[],
  options: { readonly jobs: number; readonly maxBytes: number; readonly format: 'text' | 'json'; readonly ocr: boolean },
  io: CheckIo,
  entry: WorkerEntry,
): AsyncGenerator<CheckedFile> {
  const pool = new WorkerPool(entry, Math.min(options.jobs, files.length));
  try {
    const start = async (file: FoundFile): Promise<CheckedFile> => {
      if (!file.stdin) return pool.run<CheckedFile>('check', { path: file.path, maxBytes: options.maxBytes, format: options.format, ocr: options.ocr } satisfies CheckTaskInput);
      let stderr = '';
      const report = await checkFile(file, options.maxBytes, { stderr: (text) => (stderr += text), ...(io.stdin ? { stdin: io.stdin } : {}) }, { ocr: options.ocr });
      return checkedOutput(report, options.format, stderr);
    };
    let index = 0;
    for await (const result of inOrder(files, options.jobs * IN_FLIGHT_PER_JOB, start)) {
      const file = files[index++]!;
      if (result.ok) {
        yield result.value;
        continue;
      }
      const why = result.error instanceof WorkerStopped ? `internal error: the worker checking it stopped (${result.error.message})` : `internal error: ${result.error.message}`;
      yield checkedOutput(failedReport(file.path, { error: why }), options.format, `imr-annotate: ${visible(file.path)}: ${visible(why)}\n`);
    }
  } finally {
    await pool.close();
  }
}
