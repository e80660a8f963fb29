/**
 * The architecture of EY Hub as rules (ADR 0011). `npm run deps` checks them; `npm run validate`
 * and CI run it, and a broken rule fails the build.
 *
 *   platform/, db/, config/   shared plumbing: never import a module or the wiring
 *   modules/<name>/           one domain each; others reach it only through its index.ts
 *   app/, app.ts, server.ts, runtime.ts, cli/   the wiring: modules through their index.ts only
 *
 * Production code only: a test may use its own module's internals.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-module-cycles',
      comment: 'Modules form a layered graph: no two modules depend on each other, directly or through others. Use an event (platform/events.ts) or a registry (platform/registry.ts) to turn a dependency around.',
      severity: 'error',
      scope: 'folder',
      from: { path: '^src/modules/[^/]+$' },
      to: { path: '^src/modules/[^/]+$', circular: true },
    },
    {
      name: 'no-file-cycles',
      comment: 'No file imports itself through others.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'modules-only-through-index',
      comment: 'Another module is used only through its index.ts (its public face); never its repository, views or internals.',
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/' },
      to: { path: '^src/modules/[^/]+/', pathNot: ['^src/modules/$1/', '^src/modules/[^/]+/index\\.ts$'] },
    },
    {
      name: 'wiring-only-through-index',
      comment: 'The wiring (app, server, runtime, commands) uses modules only through their index.ts.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/modules/' },
      to: { path: '^src/modules/[^/]+/', pathNot: '^src/modules/[^/]+/index\\.ts$' },
    },
    {
      name: 'platform-knows-no-module',
      comment: 'platform/, db/ and config/ are below every module: they never import one, nor the wiring.',
      severity: 'error',
      from: { path: '^src/(platform|db|config)/' },
      to: { path: '^src/(modules|app|cli)/|^src/(app|server|runtime)\\.ts$' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    // tests may use their own module's internals; src/db/types.ts only assembles the DB type from the
    // modules' tables.ts (type-only), so it is the one place below the modules that names them;
    // src/assets is browser code.
    exclude: { path: ['\\.test\\.ts$', '^src/db/types\\.ts$', '^src/assets/'] },
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.js', '.mjs', '.json'] },
    reporterOptions: {
      dot: { collapsePattern: '^src/modules/[^/]+|^src/(platform|db|config|app|cli)' },
    },
  },
};
