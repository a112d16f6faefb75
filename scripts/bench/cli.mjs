// The CLI over many letter files, as a child process: wall time and peak resident memory.
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, mkdirSync, openSync, closeSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { clearInterval, setInterval } from 'node:timers';

/** Writes `count` letter files (cycling through `letters`) under `dir`, 1,000 a folder; returns their total bytes. */
export function writeLetterFiles(letters, count, dir) {
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const folder = join(dir, String(Math.floor(i / 1000)).padStart(2, '0'));
    if (i % 1000 === 0) mkdirSync(folder, { recursive: true });
    const letter = letters[i % letters.length];
    writeFileSync(join(folder, `${String(i).padStart(5, '0')}-${letter.name.replace(/[/\\]/g, '-')}`), letter.text);
    bytes += letter.bytes;
  }
  return bytes;
}

export function timeCommandAvailable() {
  try {
    accessSync('/usr/bin/time', constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Whether the CLI at `cliPath` takes `--jobs N` (its help names it): an older build does not. */
export function cliTakesJobs(cliPath) {
  const help = spawnSync(process.execPath, [cliPath, '--help'], { encoding: 'utf8' });
  return help.status === 0 && help.stdout.includes('--jobs');
}

/**
 * Runs `node CLI check --format json [--jobs N] DIR` with stdout to `outFile` (`--jobs` only when `jobs` is given). Peak RSS comes from `/usr/bin/time -v`
 * ("Maximum resident set size") when present, else from polling /proc/PID/status VmHWM every 10 ms.
 * Resolves { ms, status, peakRssKb, rssMethod, stderr }.
 */
export function runCli(cliPath, dir, outFile, useTime, jobs) {
  return new Promise((resolve, reject) => {
    const out = openSync(outFile, 'w');
    const nodeArgs = [cliPath, 'check', '--format', 'json', ...(jobs === undefined ? [] : ['--jobs', String(jobs)]), dir];
    const [cmd, args] = useTime ? ['/usr/bin/time', ['-v', process.execPath, ...nodeArgs]] : [process.execPath, nodeArgs];
    const start = performance.now();
    const child = spawn(cmd, args, { stdio: ['ignore', out, 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      if (stderr.length > 1_000_000) stderr = stderr.slice(-200_000);
    });
    let polledKb = 0;
    const poll = useTime
      ? undefined
      : setInterval(() => {
          try {
            const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
            if (m) polledKb = Math.max(polledKb, Number(m[1]));
          } catch {
            // gone already
          }
        }, 10);
    child.on('error', (error) => {
      if (poll) clearInterval(poll);
      closeSync(out);
      reject(error);
    });
    child.on('close', (status, signal) => {
      const ms = performance.now() - start;
      if (poll) clearInterval(poll);
      closeSync(out);
      let peakRssKb = polledKb;
      if (useTime) {
        const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
        peakRssKb = m ? Number(m[1]) : 0;
        const exit = /Exit status: (\d+)/.exec(stderr);
        if (exit) status = Number(exit[1]);
        stderr = stderr.replace(/(?:^|\n)(?:Command exited with non-zero status \d+\n)?\tCommand being timed:[\s\S]*$/, '');
      }
      resolve({ ms, status, signal, peakRssKb, rssMethod: useTime ? '/usr/bin/time -v' : 'polled /proc/PID/status VmHWM', stderr });
    });
  });
}
