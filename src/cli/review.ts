// SOURCE arguments → the review model, with MAINTAINERS and rules wired in when available.
import { buildReview, type Analysers } from '../review/build.js';
import type { ReviewModel } from '../model/review.js';
import type { Loaded } from '../pipeline/load.js';
import { loadFromArgs, type SourceFlags } from './load.js';

export interface ReviewFlags extends SourceFlags {
  maintainers?: string;
  tree?: string;
  rules?: string[];
  disable?: string[];
  enable?: string[];
}

export async function analysersFor(_flags: ReviewFlags): Promise<Analysers> {
  return {};
}

export async function loadReview(args: string[], flags: ReviewFlags): Promise<{ loaded: Loaded; review: ReviewModel }> {
  const loaded = await loadFromArgs(args, flags);
  const review = buildReview(loaded, await analysersFor(flags));
  return { loaded, review };
}
