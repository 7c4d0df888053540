// iconv-lite is loaded on first need: most mail is UTF-8 or ASCII. The callers are synchronous,
// hence require (it ships a CommonJS build). libmime is not loaded to read mail at all: see
// encoded-words.ts.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export const iconvLib = (): typeof import('iconv-lite') => require('iconv-lite');
