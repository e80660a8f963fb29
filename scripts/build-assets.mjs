// Builds dist/public: the compiled stylesheet and GOV.UK Frontend's JavaScript.
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as sass from 'sass';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'dist', 'public');
mkdirSync(out, { recursive: true });

const started = Date.now();
const result = sass.compile(path.join(root, 'src', 'assets', 'app.scss'), {
  loadPaths: [path.join(root, 'node_modules')],
  style: 'compressed',
  quietDeps: true,
  silenceDeprecations: ['import'],
});
writeFileSync(path.join(out, 'app.css'), result.css);
copyFileSync(path.join(root, 'node_modules', 'govuk-frontend', 'dist', 'govuk', 'govuk-frontend.min.js'), path.join(out, 'govuk-frontend.min.js'));
for (const script of ['app.js', 'drafts.js', 'session-timeout.js', 'import-progress.js']) copyFileSync(path.join(root, 'src', 'assets', script), path.join(out, script));
console.log(`Built dist/public in ${Date.now() - started} ms`);
