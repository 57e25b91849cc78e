import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const GENERATION = /^(\d+)\.db$/;
const POINTER = 'CURRENT';

/**
 * The files of one projection: `<root>/<name>/<generation>.db` and a `CURRENT` file naming the
 * generation readers and the runner use (LevelDB's scheme). A rebuild writes the next generation
 * beside the current one and switches by rewriting `CURRENT` (write, then rename: atomic on
 * POSIX and Windows), so a crash at any point leaves either the old or the new model in use,
 * never a mix. Renaming the shadow file over the live one was the alternative; it is unsafe in
 * WAL mode, where the live file's -wal and -shm files would be applied to the newcomer.
 */
export class ProjectionFiles {
  readonly folder: string;

  constructor(root: string, name: string) {
    this.folder = join(root, name);
    mkdirSync(this.folder, { recursive: true });
  }

  /** The current generation's file, or undefined when there is none (or it was lost). */
  current(): string | undefined {
    const pointer = join(this.folder, POINTER);
    if (!existsSync(pointer)) return undefined;
    const file = readFileSync(pointer, 'utf8').trim();
    if (!GENERATION.test(file)) return undefined;
    const path = join(this.folder, file);
    return existsSync(path) ? path : undefined;
  }

  /** A path for a new generation, numbered after every file present (a leftover shadow included). */
  next(): string {
    const highest = Math.max(0, ...this.generations().map((file) => Number(GENERATION.exec(file)![1])));
    return join(this.folder, `${highest + 1}.db`);
  }

  /** Makes `path` the current generation. */
  promote(path: string): void {
    const file = path.slice(this.folder.length + 1);
    const temporary = join(this.folder, `${POINTER}.tmp`);
    writeFileSync(temporary, `${file}\n`);
    renameSync(temporary, join(this.folder, POINTER));
  }

  /** Deletes every generation but `keep`, with its -wal and -shm files: old models and abandoned shadows. */
  removeAllExcept(keep: string | undefined): void {
    for (const file of readdirSync(this.folder)) {
      const base = file.replace(/-(wal|shm|journal)$/, '');
      if (GENERATION.test(base) && join(this.folder, base) !== keep) rmSync(join(this.folder, file), { force: true });
    }
  }

  /** Deletes one generation with its side files. */
  remove(path: string): void {
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${path}${suffix}`, { force: true });
  }

  private generations(): string[] {
    return readdirSync(this.folder).filter((file) => GENERATION.test(file));
  }
}
