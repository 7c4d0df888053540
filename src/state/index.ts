// Public face of the review state.
export { openStateStore, stateLocation, type StateLocation } from './open.js';
export { StateError } from './driver.js';
export { SCHEMA_VERSION, MIGRATIONS, migrate } from './migrations.js';
export { REVIEW_STATES, isReviewState } from './types.js';
export type { Person, ReviewState, SeriesInfo, StateStore, TrackRow, SeriesDetail, ReviewerStanding, ListFilter, Note, Activity } from './types.js';
export { seriesInfo } from './series-info.js';
