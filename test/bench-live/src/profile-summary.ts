/**
 * `tsx src/profile-summary.ts <file.cpuprofile> [top | --windows]`: where a V8 CPU profile's time
 * went, by area (which package or subsystem the code belongs to), by function, and native time by
 * its JS caller, self time only; or, with --windows, how busy the thread was each half second.
 * What `--cpu-prof` writes for the bench's child processes and the rebuild.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** A coarse label for where a function lives. */
export function areaOf(url: string, name: string): string {
  if (!url) return name.startsWith('(') ? name : '(native)';
  const rules: Array<[RegExp, string]> = [
    [/node_modules\/.*better-sqlite3/, 'better-sqlite3'],
    [/node_modules\/.*\/ws\//, 'ws'],
    [/node_modules\/.*\/zod\//, 'zod'],
    [/node_modules\/.*\/express\/|node_modules\/.*\/router\/|node_modules\/.*\/body-parser\//, 'express'],
    [/node_modules\/.*\/pino/, 'pino'],
    [/node_modules\/.*\/undici\//, 'undici (fetch)'],
    [/node_modules\/.*\/tsx\/|node_modules\/.*\/esbuild\//, 'tsx'],
    [/node_modules\/\.pnpm\/([^/]+)\//, 'node_modules:$1'],
    [/packages\/event-store\/src\/(.*)/, 'event-store/$1'],
    [/packages\/projections\/src\/(.*)/, 'projections/$1'],
    [/packages\/([a-z-]+)\/src\//, '$1'],
    [/services\/hub\/src\/live\//, 'hub live feed'],
    [/services\/hub\/src\/read-models\/([a-z-]+)\//, 'hub read model $1'],
    [/services\/hub\/src\//, 'hub'],
    [/test\/bench-live\//, 'bench-live'],
    [/test\/scenarios\//, 'scenarios'],
    [/^node:internal\/(streams|stream_base)/, 'node streams'],
    [/^node:internal\/(http|_http)|^node:_http/, 'node http'],
    [/^node:internal\/crypto|^node:crypto/, 'node crypto'],
    [/^node:/, 'node internals'],
  ];
  for (const [pattern, label] of rules) {
    const m = pattern.exec(url);
    if (m) return label.replace(/\$(\d)/g, (_, i: string) => (m[Number(i)] ?? '').replace(/\.ts$/, ''));
  }
  return url.replace(/^file:\/\//, '');
}

export interface ProfileSummary {
  totalMs: number;
  /** Native self time (SQLite statements, crypto, syscalls) credited to the JS function that called it. */
  nativeCallers: Array<{ name: string; where: string; ms: number; share: number }>;
  areas: Array<{ area: string; ms: number; share: number }>;
  functions: Array<{ name: string; where: string; ms: number; share: number }>;
}

export function summarize(profile: CpuProfile, top = 25): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const whereOf = (url: string, lineNumber: number) => (url ? `${url.replace(/^.*\/(node_modules\/\.pnpm\/[^/]+\/|work\/main\/)/, '')}:${lineNumber + 1}` : '');
  const self = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i]!;
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  const totalUs = [...self.values()].reduce((a, b) => a + b, 0);
  const areas = new Map<string, number>();
  const functions = new Map<string, { name: string; where: string; us: number }>();
  const callers = new Map<string, { name: string; where: string; us: number }>();
  for (const [id, us] of self) {
    const node = byId.get(id);
    if (!node) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const area = areaOf(url, functionName);
    areas.set(area, (areas.get(area) ?? 0) + us);
    const name = functionName || '(anonymous)';
    const where = whereOf(url, lineNumber);
    if (!url && !functionName.startsWith('(')) {
      // Native code: credit the nearest JS caller outside better-sqlite3's own wrappers.
      let up = parent.get(id);
      while (up !== undefined) {
        const frame = byId.get(up)!.callFrame;
        if (frame.url && !/better-sqlite3\/lib/.test(frame.url)) break;
        up = parent.get(up);
      }
      const frame = up === undefined ? undefined : byId.get(up)!.callFrame;
      const callerName = `${functionName} ← ${frame?.functionName || '(anonymous)'}`;
      const callerWhere = frame ? whereOf(frame.url, frame.lineNumber) : '';
      const key = `${callerName}@${callerWhere}`;
      const entry = callers.get(key) ?? { name: callerName, where: callerWhere, us: 0 };
      entry.us += us;
      callers.set(key, entry);
    }
    const key = `${name}@${where}`;
    const entry = functions.get(key) ?? { name, where, us: 0 };
    entry.us += us;
    functions.set(key, entry);
  }
  const share = (us: number) => (totalUs > 0 ? us / totalUs : 0);
  return {
    totalMs: totalUs / 1000,
    areas: [...areas].sort((a, b) => b[1] - a[1]).map(([area, us]) => ({ area, ms: us / 1000, share: share(us) })),
    functions: [...functions.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, top)
      .map((f) => ({ name: f.name, where: f.where, ms: f.us / 1000, share: share(f.us) })),
    nativeCallers: [...callers.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, top)
      .map((f) => ({ name: f.name, where: f.where, ms: f.us / 1000, share: share(f.us) })),
  };
}

/**
 * How busy the thread was in each window of `windowMs`: the share of sampled time not idle, and
 * how many samples were taken (fewer than usual: the process was waiting for a CPU).
 */
export function busyWindows(profile: CpuProfile, windowMs = 500): Array<{ atS: number; busy: number; samples: number }> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const windows = new Map<number, { idle: number; total: number; samples: number }>();
  let t = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = profile.timeDeltas[i] ?? 0;
    t += delta;
    const w = Math.floor(t / (windowMs * 1000));
    const entry = windows.get(w) ?? { idle: 0, total: 0, samples: 0 };
    if (byId.get(profile.samples[i]!)?.callFrame.functionName === '(idle)') entry.idle += delta;
    entry.total += delta;
    entry.samples += 1;
    windows.set(w, entry);
  }
  return [...windows]
    .sort((a, b) => a[0] - b[0])
    .map(([w, e]) => ({ atS: (w * windowMs) / 1000, busy: e.total > 0 ? 1 - e.idle / e.total : 0, samples: e.samples }));
}

export function formatSummary(summary: ProfileSummary, topAreas = 15): string {
  const pct = (s: number) => `${(s * 100).toFixed(1).padStart(5)}%`;
  return [
    `sampled ${(summary.totalMs / 1000).toFixed(1)} s`,
    'by area (self time):',
    ...summary.areas.slice(0, topAreas).map((a) => `  ${pct(a.share)}  ${a.area}`),
    'by function (self time):',
    ...summary.functions.map((f) => `  ${pct(f.share)}  ${f.name}  ${f.where}`),
    'native code by JS caller (self time):',
    ...summary.nativeCallers.map((f) => `  ${pct(f.share)}  ${f.name}  ${f.where}`),
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2];
  if (!file) {
    process.stderr.write('usage: tsx src/profile-summary.ts <file.cpuprofile> [top | --windows]\n');
    process.exit(2);
  }
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  if (process.argv[3] === '--windows') {
    for (const w of busyWindows(profile))
      process.stdout.write(`${w.atS.toFixed(1).padStart(6)} s  busy ${String(Math.round(w.busy * 100)).padStart(3)}%  ${w.samples} samples\n`);
  } else {
    process.stdout.write(`${formatSummary(summarize(profile, Number(process.argv[3] ?? 25)))}\n`);
  }
}
