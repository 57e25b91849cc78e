import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sniffFile } from '../src/documents/index.js';
import { docx, executable, legacyDoc, pdf, plainZip, png, xlsx, zipOf } from './support/files.js';

const dir = mkdtempSync(join(tmpdir(), 'sniff-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
async function sniff(bytes: Buffer) {
  const path = join(dir, `f${n++}`);
  writeFileSync(path, bytes);
  return sniffFile(path, bytes.length);
}

describe('a document is typed by its content', () => {
  it('given the allowed kinds, when sniffed, then each is named by its bytes', async () => {
    expect(await sniff(pdf())).toBe('application/pdf');
    expect(await sniff(png())).toBe('image/png');
    expect(await sniff(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toBe('image/jpeg');
    expect(await sniff(Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBPVP8 ')]))).toBe('image/webp');
    expect(await sniff(docx())).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(await sniff(xlsx())).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(await sniff(legacyDoc())).toBe('application/msword');
  });

  it('given a zip that is no Office file, or Office content types of another part, then it is refused', async () => {
    expect(await sniff(plainZip())).toBeNull();
    const presentation = zipOf({
      '[Content_Types].xml':
        '<Types><Override PartName="/p.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"/></Types>',
    });
    expect(await sniff(presentation)).toBeNull();
  });

  it('given an executable, HTML, text or a truncated zip, then none is a document', async () => {
    expect(await sniff(executable())).toBeNull();
    expect(await sniff(Buffer.from('<html><script>alert(1)</script></html>'))).toBeNull();
    expect(await sniff(Buffer.from('工资表'))).toBeNull();
    expect(await sniff(docx().subarray(0, 40))).toBeNull();
    // A compound file without a Word or Excel stream (an .msg, a .ppt) is not taken.
    const cfb = legacyDoc();
    cfb.fill(0, 1024);
    expect(await sniff(cfb)).toBeNull();
  });
});
