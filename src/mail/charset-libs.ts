// libmime and iconv-lite (with encoding-japanese's tables) take ~50 ms to load, and most mail needs
// neither: no encoded words, UTF-8 or ASCII bodies. They are loaded on first need; the callers are
// synchronous, hence require (both ship CommonJS builds beside their ES modules).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export const libmimeLib = (): typeof import('libmime').default => require('libmime');
export const iconvLib = (): typeof import('iconv-lite') => require('iconv-lite');
