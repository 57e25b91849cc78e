import { closeSync, fdatasyncSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The disk's own price of durability, right now: the median of `rounds` 4 KiB writes each
 * followed by fdatasync, in `dir` (the directory the SQLite files live in), in milliseconds.
 * A write overwrites one of 16 blocks already written, as SQLite's WAL does once it has grown,
 * so the file's size never changes and fdatasync flushes data only.
 */
export function fdatasyncMs(dir: string, rounds = 100): number {
  const path = join(dir, 'fsync-probe');
  const fd = openSync(path, 'w');
  const block = Buffer.alloc(4096, 1);
  try {
    for (let i = 0; i < 16; i++) writeSync(fd, block, 0, block.length, i * block.length);
    fdatasyncSync(fd);
    const times: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const started = performance.now();
      writeSync(fd, block, 0, block.length, (i % 16) * block.length);
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
