// Public API of the MAINTAINERS module: load MAINTAINERS, match files/patches with
// get_maintainer.pl's semantics, print its output, check recipients, tag sections.
//
//   const { db, errors } = loadMaintainers('MAINTAINERS');
//   const result = matchPatch(db, patchText);            // or matchFiles(db, ['mm/gup.c'])
//   process.stdout.write(formatGetMaintainer(result));   // == get_maintainer.pl --no-git ...

export { loadFromTree, loadMaintainers, treeFromDirectory, treeFromListing } from './load.js';
export type { MaintainersSource, TreeView } from './load.js';
export { loadMaintainersText } from './parse.js';
export { matchFiles, matchPatch, keywordSections } from './get-maintainers.js';
export type { MatchOptions } from './get-maintainers.js';
export { matchFile, tieGroups } from './match.js';
export { filesFromPatch, normalizeFileArg, scanPatch } from './patch-files.js';
export type { PatchScan } from './patch-files.js';
export { formatGetMaintainer, formatTable, toJson } from './format.js';
export type { MatchJson } from './format.js';
export { parseMailmap } from './mailmap.js';
export { perlToJsRegex } from './perl-regex.js';
export type * from './types.js';
export { missingRecipients } from './missing.js';
export type { MissingInput, MissingRecipient, MissingReport, RecipientWhy } from './missing.js';
export { sectionTags, tagsFor, tagFromList, defaultTags } from './tags.js';
export type { TagTable } from './tags.js';
