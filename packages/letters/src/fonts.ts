/**
 * The CJK fonts the letters are set in, installed with the project from the npm registry
 * (@expo-google-fonts/noto-serif-sc: Noto Serif SC as TrueType, SIL Open Font License 1.1).
 * 方正小标宋 and 仿宋, which GB/T 9704-2012 names, are not free: Noto Serif SC Bold stands in for
 * 小标宋 (发文机关标志, 标题), Noto Serif SC Regular for 仿宋 (正文) and 宋体 (page numbers).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export const FONT_FILES = {
  regular: '@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf',
  bold: '@expo-google-fonts/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf',
} as const;

export type FontFace = keyof typeof FONT_FILES;

const loaded = new Map<FontFace, Uint8Array>();

/** The font file's bytes, read once per process (each is about 15 MB). */
export function fontBytes(face: FontFace): Uint8Array {
  let bytes = loaded.get(face);
  if (!bytes) {
    bytes = new Uint8Array(readFileSync(require.resolve(FONT_FILES[face])));
    loaded.set(face, bytes);
  }
  return bytes;
}
