/**
 * npm run deps:graph: draws the module graph (one box per module, an arrow per dependency) from
 * dependency-cruiser's analysis into docs/architecture/modules.svg (needs Graphviz `dot`:
 * apt-get install graphviz). `node scripts/module-graph.mjs <dir> <out.svg>` draws another checkout.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(process.argv[2] ?? '.');
const out = path.resolve(process.argv[3] ?? 'docs/architecture/modules.svg');
const depcruise = path.resolve('node_modules/.bin/depcruise');
const config = path.resolve('.dependency-cruiser.cjs');
const args = ['src/modules', '--config', config, '--output-type', 'dot', '--collapse', '^src/modules/[^/]+', '--include-only', '^src/modules/', '--exclude', '[.]test[.]ts$'];
const dot = execFileSync(depcruise, args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
const svg = execFileSync('dot', ['-Tsvg'], { input: dot, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, svg);
console.log(`wrote ${path.relative(process.cwd(), out)}`);
