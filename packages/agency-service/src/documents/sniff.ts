/**
 * What a file is, read from its bytes (magic numbers), never from its name or the type a client
 * claims. Office Open XML files are zip archives: the archive's `[Content_Types].xml` is
 * inflated (bounded) and must declare a Word or Excel main part. Legacy Office files are
 * Compound File Binary containers: a Word file has a `WordDocument` stream, an Excel one a
 * `Workbook` (or `Book`) stream, found by their UTF-16 directory names.
 */
import { open } from 'node:fs/promises';
import { inflateRawSync } from 'node:zlib';
import type { DocumentMediaType } from '@hub/contracts';

const startsWith = (head: Buffer, bytes: readonly number[], at = 0) => bytes.every((b, i) => head[at + i] === b);

const ZIP_LOCAL = [0x50, 0x4b, 0x03, 0x04];
const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
/** The end-of-central-directory record is in the last 22 bytes plus a comment of up to 64 KiB. */
const EOCD_SEARCH = 22 + 0xffff;
/** [Content_Types].xml is small; a bigger one (or a zip bomb) is no Office file we take. */
const CONTENT_TYPES_LIMIT = 1 << 20;
const DOCX_MAIN = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml';
const XLSX_MAIN = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml';

/** The allowed type of the file at `path` (its `size` bytes), or null when it is none of them. */
export async function sniffFile(path: string, size: number): Promise<DocumentMediaType | null> {
  const file = await open(path, 'r');
  try {
    const read = async (position: number, length: number): Promise<Buffer> => {
      const buffer = Buffer.alloc(Math.max(0, Math.min(length, size - position)));
      if (buffer.length > 0) await file.read(buffer, 0, buffer.length, position);
      return buffer;
    };
    const head = await read(0, 64);
    if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf'; // %PDF-
    if (startsWith(head, [0xff, 0xd8, 0xff])) return 'image/jpeg';
    if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
    if (startsWith(head, [0x52, 0x49, 0x46, 0x46]) && startsWith(head, [0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp'; // RIFF....WEBP
    if (startsWith(head, ZIP_LOCAL)) return await officeOpenXml(read, size);
    if (startsWith(head, CFB)) return await compoundFile(read, size);
    return null;
  } finally {
    await file.close();
  }
}

type Read = (position: number, length: number) => Promise<Buffer>;

async function officeOpenXml(read: Read, size: number): Promise<DocumentMediaType | null> {
  const tailStart = Math.max(0, size - EOCD_SEARCH);
  const tail = await read(tailStart, size - tailStart);
  const eocd = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0 || eocd + 22 > tail.length) return null;
  const entries = tail.readUInt16LE(eocd + 10);
  const directorySize = tail.readUInt32LE(eocd + 12);
  const directoryOffset = tail.readUInt32LE(eocd + 16);
  if (directoryOffset + directorySize > size || directorySize > 16 << 20) return null;
  const directory = await read(directoryOffset, directorySize);
  let at = 0;
  for (let i = 0; i < entries && at + 46 <= directory.length; i++) {
    if (directory.readUInt32LE(at) !== 0x02014b50) return null;
    const method = directory.readUInt16LE(at + 10);
    const compressed = directory.readUInt32LE(at + 20);
    const uncompressed = directory.readUInt32LE(at + 24);
    const nameLength = directory.readUInt16LE(at + 28);
    const extra = directory.readUInt16LE(at + 30);
    const comment = directory.readUInt16LE(at + 32);
    const local = directory.readUInt32LE(at + 42);
    const name = directory.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    at += 46 + nameLength + extra + comment;
    if (name !== '[Content_Types].xml') continue;
    if (uncompressed > CONTENT_TYPES_LIMIT || compressed > CONTENT_TYPES_LIMIT) return null;
    const header = await read(local, 30);
    if (header.length < 30 || header.readUInt32LE(0) !== 0x04034b50) return null;
    const dataStart = local + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
    const raw = await read(dataStart, compressed);
    let xml: string;
    try {
      xml = (method === 0 ? raw : method === 8 ? inflateRawSync(raw, { maxOutputLength: CONTENT_TYPES_LIMIT }) : Buffer.alloc(0)).toString('utf8');
    } catch {
      return null;
    }
    if (xml.includes(DOCX_MAIN)) return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
    if (xml.includes(XLSX_MAIN)) return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    return null;
  }
  return null;
}

const utf16 = (name: string) => Buffer.from(`${name}\u0000`, 'utf16le');
const WORD_STREAM = utf16('WordDocument');
const EXCEL_STREAMS = [utf16('Workbook'), utf16('Book')];

/**
 * The directory entries of a compound file are 128-byte records starting with the entry's
 * UTF-16LE name; they sit in sectors anywhere in the file, so the file is scanned in chunks
 * (bounded memory) for a record that starts with one of the names, at a 128-byte boundary
 * relative to the sector size of 512 bytes after the 512-byte header.
 */
async function compoundFile(read: Read, size: number): Promise<DocumentMediaType | null> {
  const CHUNK = 1 << 20;
  let excel = false;
  for (let position = 512; position < size; position += CHUNK) {
    const chunk = await read(position, CHUNK);
    for (let at = 0; at + 128 <= chunk.length; at += 128) {
      const record = chunk.subarray(at, at + 66);
      const nameBytes = chunk.readUInt16LE(at + 64);
      if (nameBytes === WORD_STREAM.length && record.subarray(0, nameBytes).equals(WORD_STREAM)) return 'application/msword';
      if (EXCEL_STREAMS.some((n) => nameBytes === n.length && record.subarray(0, nameBytes).equals(n))) excel = true;
    }
  }
  return excel ? 'application/vnd.ms-excel' : null;
}
