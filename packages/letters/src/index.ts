export { breakLines } from './breaking.js';
export {
  caseNumberLine,
  chineseDate,
  documentNumber,
  letterContentOf,
  letterTitle,
  letterTitleKind,
  replySentence,
  shanghaiYear,
  type LetterContent,
} from './content.js';
export { FONT_FILES } from './fonts.js';
export * as layout from './layout.js';
export { renderLetter, type RenderedLetter } from './render.js';
