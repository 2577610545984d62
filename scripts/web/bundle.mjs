// Bundles the verify page's browser-side dependencies from npm into
// web/verify/ (ignored by git), so the page loads nothing from a CDN:
//   node scripts/web/bundle.mjs     (run by scripts/build.sh web after `npm ci` here)
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '..', '..', 'web', 'verify', 'drand-bls.js');
await build({
  entryPoints: [join(here, 'drand-bls.mjs')],
  outfile: out,
  bundle: true,
  format: 'esm',
  minify: true,
  target: 'es2020',
  legalComments: 'eof',
  logLevel: 'warning',
});
console.log(`bundled ${out}`);
