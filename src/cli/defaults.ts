// Defaults that --help prints, kept here so that printing help (and registering the commands at all)
// loads neither sources/lore.js nor am/write.js, whose imports cost ~10 and ~45 ms.
// test/cli-startup.test.ts checks that they equal the originals.
export const DEFAULT_LORE_URL = 'https://lore.kernel.org/';
export const DEFAULT_LINK_MASK = 'Link: https://patch.msgid.link/%s';
