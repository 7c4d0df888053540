// Where the bundled demo lives, relative to the installed package (not the working directory).
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';

export const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DEMO_DIR = resolve(PACKAGE_ROOT, 'patches');
export const RULES_DIR = resolve(PACKAGE_ROOT, 'rules');
