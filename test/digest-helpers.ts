// MAINTAINERS-6.12 wired into the review model the way the CLI does it (src/review/sections.ts).
import type { Analysers } from '../src/review/build.js';
import { loadMaintainers } from '../src/maintainers/index.js';
import { maintainersAnalyser } from '../src/review/sections.js';
import { corpus } from './helpers/corpus.js';

export const MAINTAINERS = corpus('kernel', 'MAINTAINERS-6.12');

export function maintainersAnalysers(path = MAINTAINERS): Analysers {
  return maintainersAnalyser(loadMaintainers(path).db, path);
}
