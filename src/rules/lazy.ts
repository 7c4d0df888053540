// yaml and zod take ~100 ms to load and are needed only to read and validate rule files. The built-in
// packs usually come precompiled (precompiled.ts), so they load on first use, not at import. The
// loaders are synchronous (loadRules is), hence require: yaml's Node build is CommonJS anyway, and
// zod ships one beside its ES modules.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export const yamlLib = (): typeof import('yaml') => require('yaml');
export const zodLib = (): typeof import('zod') => require('zod');
