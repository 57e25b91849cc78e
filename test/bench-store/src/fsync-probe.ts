import { closeSync, fdatasyncSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** Blocks a 16-append commit of the 16-writer workload writes to SQLite's WAL (measured: about 48 pages of 4 KiB). */
export const COMMIT_BLOCKS = 48;

/**
 * The disk's own price of durability, right now: the median time of writing `blocks` blocks of
 * 4 KiB and then fdatasync, over `rounds` rounds, in `dir` (the directory the SQLite files live
 * in), in milliseconds. The writes overwrite blocks already written, as SQLite's WAL does once it
 * has grown, so the file's size never changes and fdatasync flushes data only.
 */
export function fdatasyncMs(dir: string, blocks: number, rounds = 50): number {
  const path = join(dir, 'fsync-probe');
  const fd = openSync(path, 'w');
  const block = Buffer.alloc(4096, 1);
  try {
    for (let i = 0; i < blocks; i++) writeSync(fd, block, 0, block.length, i * block.length);
    fdatasyncSync(fd);
    const times: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const started = performance.now();
      for (let i = 0; i < blocks; i++) writeSync(fd, block, 0, block.length, i * block.length);
      fdatasyncSync(fd);
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    return times[Math.floor(times.length / 2)]!;
  } finally {
    closeSync(fd);
    rmSync(path, { force: true });
  }
}
