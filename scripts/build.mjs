// Builds only what changed since the last build. `npm start` runs this, then dist/server.js.
//   node scripts/build.mjs            code (tsc) and assets (Sass), each only if its sources changed
//   node scripts/build.mjs assets     assets only (what `npm test` needs)
//   node scripts/build.mjs --force    rebuild both
// A build stamp (dist/.build-stamp.json) records a hash of each part's sources; a part is rebuilt
// when its hash differs or its output is missing. Templates and data files are read from src/ at
// run time, so they never need a build.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// BUILD_ROOT: another project folder (the build script's own test builds a tiny one)
const root = path.resolve(process.env.BUILD_ROOT ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..'));
const stampFile = path.join(root, 'dist', '.build-stamp.json');
const args = process.argv.slice(2);
const force = args.includes('--force');
const only = args.find((a) => !a.startsWith('--'));

/** Every file under dir (relative paths, sorted) whose name passes keep. */
function files(dir, keep) {
  const out = [];
  const walk = (d) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (keep(entry.name)) out.push(path.relative(root, full));
    }
  };
  walk(dir);
  return out.sort();
}

function hashOf(paths) {
  const hash = createHash('sha256');
  for (const p of paths) {
    hash.update(p).update('\0');
    hash.update(existsSync(path.join(root, p)) ? readFileSync(path.join(root, p)) : '').update('\0');
  }
  hash.update(process.version.split('.')[0] ?? '');
  return hash.digest('hex');
}

const parts = {
  code: {
    sources: () => [
      ...files(path.join(root, 'src'), (name) => name.endsWith('.ts') && !name.endsWith('.test.ts')),
      'tsconfig.json', 'tsconfig.build.json', 'package-lock.json',
    ],
    output: path.join(root, 'dist', 'server.js'),
    build: () => {
      // a clean output: a deleted source must not leave its old .js behind
      for (const entry of existsSync(path.join(root, 'dist')) ? readdirSync(path.join(root, 'dist')) : []) {
        if (entry !== 'public' && entry !== '.build-stamp.json') rmSync(path.join(root, 'dist', entry), { recursive: true, force: true });
      }
      execFileSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
    },
  },
  assets: {
    sources: () => [...files(path.join(root, 'src', 'assets'), () => true), 'scripts/build-assets.mjs', 'package-lock.json'],
    output: path.join(root, 'dist', 'public', 'app.css'),
    build: () => execFileSync(process.execPath, [path.join(root, 'scripts', 'build-assets.mjs')], { stdio: 'inherit' }),
  },
};

let stamp = {};
try {
  stamp = JSON.parse(readFileSync(stampFile, 'utf8'));
} catch {
  stamp = {};
}
for (const [name, part] of Object.entries(parts)) {
  if (only && only !== name) continue;
  const started = Date.now();
  const hash = hashOf(part.sources());
  if (!force && stamp[name] === hash && existsSync(part.output)) {
    console.log(`${name}: up to date (checked in ${Date.now() - started} ms)`);
    continue;
  }
  part.build();
  stamp[name] = hash;
  mkdirSync(path.dirname(stampFile), { recursive: true });
  writeFileSync(stampFile, JSON.stringify(stamp, null, 2));
  console.log(`${name}: built in ${Date.now() - started} ms`);
}
