/**
 * pnpm hub:rebuild [read-model …] — rebuilds the hub's read models (all when none is named)
 * from position 0, with a progress bar per model showing events/s and time left.
 *
 * When the hub answers at HUB_URL (default http://127.0.0.1:8080) the rebuild runs inside it, so
 * it keeps serving and switches each model over when that model has caught up; this needs
 * HUB_TOKEN, the session token of an admin (POST /api/session on any agency service). When no hub
 * answers, the files under DATA_DIR/hub are rebuilt directly from EVENT_STORE_URL.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { connect, DEFAULT_EVENT_STORE_URL } from '@hub/event-store';
import { estimateProgress, ProjectionRunner, type RebuildProgress } from '@hub/projections';
import { rebuildReadModels } from '../admin/rebuild.js';
import { HUB_NAME } from '../hub.js';
import { hubProjections } from '../read-models/index.js';
import { ProgressView } from './progress-view.js';

const out = process.stdout;
const names = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const hubUrl = (process.env['HUB_URL'] ?? 'http://127.0.0.1:8080').replace(/\/$/, '');
const view = new ProgressView(out);

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

async function hubAnswers(): Promise<boolean> {
  try {
    const res = await fetch(`${hubUrl}/health`, { signal: AbortSignal.timeout(1_500) });
    return res.ok;
  } catch {
    return false;
  }
}

async function online(): Promise<void> {
  const token = process.env['HUB_TOKEN'];
  if (!token)
    fail(
      `中枢正在 ${hubUrl} 运行：请设置 HUB_TOKEN（管理员的会话令牌）。\nThe hub is running at ${hubUrl}: set HUB_TOKEN to an admin's session token (POST /api/session on an agency service).`,
    );
  out.write(`在运行中的中枢内重建 rebuilding inside the running hub at ${hubUrl}…\n`);
  const res = await fetch(`${hubUrl}/api/admin/rebuild`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ projections: names }),
  });
  if (!res.ok || !res.body) fail(`${res.status}: ${await res.text()}`);
  let buffer = '';
  const decoder = new TextDecoder();
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    for (let newline = buffer.indexOf('\n'); newline >= 0; newline = buffer.indexOf('\n')) {
      const line = JSON.parse(buffer.slice(0, newline)) as { progress?: RebuildProgress[]; done?: boolean; error?: string };
      buffer = buffer.slice(newline + 1);
      if (line.error) fail(`重建失败 rebuild failed: ${line.error}`);
      if (line.progress) view.update(line.progress, line.done === true);
    }
  }
}

async function offline(): Promise<void> {
  const url = process.env['EVENT_STORE_URL'] ?? DEFAULT_EVENT_STORE_URL;
  const dataDir = resolve(process.env['DATA_DIR'] ?? './data');
  out.write(`中枢未运行，直接重建 no hub answers at ${hubUrl}: rebuilding ${join(dataDir, HUB_NAME)} from ${url.replace(/\/\/[^@/]*@/, '//***@')}\n`);
  const store = await connect(url);
  const directory = join(dataDir, HUB_NAME, 'read-models');
  const chosen = hubProjections.filter((p) => names.length === 0 || names.includes(p.name));
  // A model with no file yet is built from the start by runner.start() itself; rebuilding it as
  // well would do the same work twice, so only existing models get a shadow rebuild.
  const fresh = new Set(chosen.filter((p) => !existsSync(join(directory, p.name, 'CURRENT'))).map((p) => p.name));
  const runner = new ProjectionRunner({ store, directory, projections: chosen });
  try {
    const head = await store.headPosition();
    const startedAt = performance.now();
    await runner.start();
    const building = new Map<string, RebuildProgress>();
    const rebuilt = new Map<string, RebuildProgress>();
    const show = (final = false) => view.update([...building.values(), ...rebuilt.values()], final);
    const firstBuilds = (async () => {
      for (;;) {
        const statuses = (await runner.status()).filter((st) => fresh.has(st.name));
        for (const st of statuses) {
          const done = head === null || (st.position !== null && st.position >= head);
          building.set(
            st.name,
            estimateProgress({
              projection: st.name,
              eventsDone: Number(st.position ?? 0n),
              position: st.position,
              headPosition: head,
              elapsedMs: performance.now() - startedAt,
              done,
            }),
          );
        }
        show();
        if ([...building.values()].every((p) => p.done)) return;
        await delay(500);
      }
    })();
    const rebuilds = rebuildReadModels(
      runner,
      chosen.map((p) => p.name).filter((n) => !fresh.has(n)),
      (progress) => {
        for (const p of progress) rebuilt.set(p.projection, p);
        show();
      },
    );
    await Promise.all([firstBuilds, rebuilds]);
    show(true);
  } finally {
    await runner.stop();
    await store.close();
  }
}

const known = hubProjections.map((p) => p.name);
const unknown = names.filter((n) => !known.includes(n));
if (unknown.length > 0) fail(`没有这些读模型 no such read models: ${unknown.join(', ')} (there are: ${known.join(', ')})`);
await ((await hubAnswers()) ? online() : offline());
out.write('完成 done.\n');
