export { completeLetter, letterMatter, type LetterIssuer } from './issue.js';
export { LetterPrinter } from './printer.js';
export { letterRouteDocs, letterRoutes, type LetterRoutesOptions } from './routes.js';
export { DEFAULT_LETTER_SETTINGS, LetterSettingsError, loadLetterSettings, parseLetterSettings, prefixFor, type LetterSettings } from './settings.js';
