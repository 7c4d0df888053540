// Build step after tsc (`npm run build`): bundle the terminal UI's ink side (dist/views/tui/mount.js
// with ink, React and their dependencies) into one file, dist/tui-bundle.js. Node 20 loads ink's
// ~570 modules one by one (es-toolkit's compat barrel alone is 415 of them, for one `throttle`) in
// ~400 ms; the single file loads in ~120 ms, and that is most of the time to the first keypress.
// Without esbuild (a production install) nothing is bundled and the UI loads the modules themselves
// (src/views/tui/launch.ts checks that the bundle is not older than them).
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist', 'tui-bundle.js');

let esbuild;
try {
  esbuild = await import('esbuild');
} catch {
  rmSync(out, { force: true });
  process.stderr.write('build-tui: esbuild is not installed; the terminal UI loads ink unbundled (slower start)\n');
  process.exit(0);
}

await esbuild.build({
  entryPoints: [join(root, 'dist', 'views', 'tui', 'mount.js')],
  outfile: out,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // React's production build, chosen now rather than at each start.
  define: { 'process.env.NODE_ENV': '"production"' },
  // Bundled CommonJS modules call require() for Node's own modules.
  banner: { js: "import { createRequire as __lorescopeRequire } from 'node:module';\nconst require = __lorescopeRequire(import.meta.url);" },
  legalComments: 'inline',
  logLevel: 'warning',
  plugins: [{
    // ink imports its React devtools bridge only when DEV=true; that package is not installed.
    name: 'no-devtools',
    setup(b) {
      b.onResolve({ filter: /^react-devtools-core$/ }, () => ({ path: 'react-devtools-core', namespace: 'lorescope-stub' }));
      b.onLoad({ filter: /.*/, namespace: 'lorescope-stub' }, () => ({ contents: 'export default { initialize() {}, connectToDevTools() {} };', loader: 'js' }));
    },
  }, {
    // yoga's Emscripten loader reads its wasm from a data: URL with fetch() when there is one, and
    // Node's fetch (undici) takes ~50 ms to load; its own synchronous base64 path needs nothing.
    name: 'yoga-without-fetch',
    setup(b) {
      b.onLoad({ filter: /yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/ }, (args) => {
        const text = readFileSync(args.path, 'utf8');
        const probe = '"function"!=typeof fetch';
        const n = text.split(probe).length - 1;
        if (n !== 2) {
          process.stderr.write(`build-tui: yoga's loader changed (${n} fetch tests); bundled as it is\n`);
          return undefined;
        }
        return { contents: text.split(probe).join('true'), loader: 'js' };
      });
    },
  }],
});
