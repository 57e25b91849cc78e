import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { renderLetter } from '../src/index.js';
import { sampleLetter } from './support.js';

describe('a letter renders to the same bytes from the same content', () => {
  it('given one content, when rendered twice, then the bytes and their SHA-256 are equal', async () => {
    const first = await renderLetter(sampleLetter());
    const second = await renderLetter(sampleLetter());
    expect(Buffer.from(second.bytes).equals(Buffer.from(first.bytes))).toBe(true);
    expect(first.sha256).toBe(createHash('sha256').update(first.bytes).digest('hex'));
    expect(second.sha256).toBe(first.sha256);
    expect(first.size).toBe(first.bytes.byteLength);
  });

  it('given two contents that differ in one character of the 文号, then their hashes differ', async () => {
    const a = await renderLetter(sampleLetter());
    const b = await renderLetter(sampleLetter({ documentNo: '杭西检民建〔2026〕13号' }));
    expect(b.sha256).not.toBe(a.sha256);
  });

  it('carries the act time as its creation date and no time of rendering', async () => {
    const { bytes } = await renderLetter(sampleLetter());
    const text = Buffer.from(bytes).toString('latin1');
    // pdfkit writes each info value as its own object: find the objects the info names.
    const dateOf = (key: string) => {
      const ref = new RegExp(`/${key} (\\d+) 0 R`).exec(text)?.[1];
      return ref === undefined ? undefined : new RegExp(`\\n${ref} 0 obj\\n\\((D:\\d{14}Z)\\)`).exec(text)?.[1];
    };
    expect(dateOf('CreationDate')).toBe('D:20261207023000Z');
    expect(dateOf('ModDate')).toBe('D:20261207023000Z');
  });

  it('subsets the fonts: a letter is tens of kilobytes, not the 15 MB of a font file', async () => {
    const { size } = await renderLetter(sampleLetter());
    expect(size).toBeLessThan(200_000);
  });
});
