// Every test worker gets its own cache and state directories: a test never reads or writes the
// developer's ~/.cache/lorescope (the index lives there) or ~/.local/state/lorescope.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

process.env.XDG_CACHE_HOME = mkdtempSync(join(tmpdir(), 'ls-test-cache-'));
process.env.XDG_STATE_HOME = mkdtempSync(join(tmpdir(), 'ls-test-state-'));
