// Public face of the am writer: the CLI calls writeAm with options mapped from its flags.
export { writeAm, pickSeries, linkTrailer, DEFAULT_LINK_MASK, type AmOptions, type AmResult } from './write.js';
export { parseIdentity } from './address.js';
