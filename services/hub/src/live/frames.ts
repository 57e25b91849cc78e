/**
 * Serialization for the live feed: each timeline row becomes its JSON text once, and that string
 * is spliced into the `events` frame of every client that gets it, so a batch sent to a thousand
 * clients costs one `entryOf` + `JSON.stringify` per event, not a thousand.
 */
import { entryOf, type TimelineRow } from '../read-models/timeline/index.js';

/** Soft cap of one `events` frame: a page of big events is split so no single write is huge. */
export const FRAME_BYTES = 256 * 1024;

/**
 * The JSON of recent entries by position. Live batches fill it; catch-ups near the head (a
 * reconnect storm after a restart) hit it. Keyed to the model file: a rebuild switches files and
 * the new rows need not serialize the same.
 */
export class EntryCache {
  private readonly entries = new Map<bigint, string>();
  private bytes = 0;
  private file: string | undefined;

  /** Bounded by count and by size (events may be large), whichever is reached first. */
  constructor(
    private readonly maxEntries = 4096,
    private readonly maxBytes = 16 * 1024 * 1024,
  ) {}

  /** Forgets everything when readers moved to another generation of the read model. */
  useFile(path: string | undefined): void {
    if (path === this.file) return;
    this.file = path;
    this.entries.clear();
    this.bytes = 0;
  }

  json(row: TimelineRow): string {
    const hit = this.entries.get(row.position);
    if (hit !== undefined) return hit;
    const text = JSON.stringify(entryOf(row));
    this.entries.set(row.position, text);
    this.bytes += text.length;
    // Maps iterate in insertion order: the first key is the oldest entry.
    while (this.entries.size > this.maxEntries || (this.bytes > this.maxBytes && this.entries.size > 1)) {
      const [position, oldest] = this.entries.entries().next().value!;
      this.entries.delete(position);
      this.bytes -= oldest.length;
    }
    return text;
  }

  get size(): number {
    return this.entries.size;
  }
}

/** Collects entries for one subscription and cuts them into frames of about FRAME_BYTES. */
export class FrameBuilder {
  private parts: string[] = [];
  private bytes = 0;
  private readonly head: string;

  constructor(sub: string) {
    this.head = `{"type":"events","sub":${JSON.stringify(sub)},"events":[`;
  }

  get count(): number {
    return this.parts.length;
  }

  /** Adds one entry; true when the frame is full and should be sent now. */
  add(json: string): boolean {
    this.parts.push(json);
    this.bytes += json.length;
    return this.bytes >= FRAME_BYTES;
  }

  /** The frame so far (undefined when empty), and starts a new one. */
  take(): { frame: string; events: number } | undefined {
    if (this.parts.length === 0) return undefined;
    const frame = `${this.head}${this.parts.join(',')}]}`;
    const events = this.parts.length;
    this.parts = [];
    this.bytes = 0;
    return { frame, events };
  }
}
