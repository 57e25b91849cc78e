/** The one-off numbering of old cases as an operator runs it: the CLI shows each case with its new number. */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runNumberCases } from '../../src/cli/number-cases.js';
import { opened, storeGiven } from '../given.js';
import { testSigner } from '../register/support.js';
import { env, streamOf } from '../support.js';

const year = Number(new Date().toLocaleString('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }));

function output() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (d: Buffer) => (text += d.toString()));
  return { stream, text: () => text };
}

describe('number-cases CLI', () => {
  it('given two old union cases, when run for the union, then it prints and appends their numbers; run again, it numbers nothing', async () => {
    const e = env();
    const old = [randomUUID(), randomUUID()];
    for (const caseId of old) await storeGiven(opened(caseId), { store: e.store, signer: testSigner(), now: new Date() });
    const run = async () => {
      const [stdout, stderr] = [output(), output()];
      const code = await runNumberCases(
        ['--agency', 'union', '--data-dir', join(e.dir, 'cli')],
        { EVENT_STORE_URL: `sqlite:${e.storePath}` },
        { stdout: stdout.stream, stderr: stderr.stream },
      );
      return { code, out: stdout.text(), err: stderr.text() };
    };
    const first = await run();
    expect(first).toMatchObject({ code: 0, err: '' });
    expect(first.out.split('\n').slice(0, 2)).toEqual(
      old.map((caseId, i) => expect.stringMatching(new RegExp(`^〔${year}〕浙0106工维字第${i + 1}号\\t${caseId}\\t`))),
    );
    expect(first.out).toContain('已编号 2 件旧案');
    expect((await streamOf(e.store, old[1]!)).map((ev) => ev.type)).toEqual(['CaseOpened', 'CaseNumberAssigned']);
    expect((await run()).out).toContain('已编号 0 件旧案');
    expect(await runNumberCases(['--agency', 'nobody'], {}, { stdout: output().stream, stderr: output().stream })).toBe(2);
  });
});
