import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root: this file is src/platform/paths.ts, or dist/platform/paths.js once built. */
export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Templates and data files are read from src/ whether the code runs from src/ or dist/. */
export const srcDir = path.join(projectRoot, 'src');
export const govukFrontendDir = path.join(projectRoot, 'node_modules', 'govuk-frontend', 'dist');
export const builtAssetsDir = path.join(projectRoot, 'dist', 'public');
