/**
 * The dependency rule of src/ (`npm run lint:deps`; properties/dependencies.test.ts runs it in
 * `npm test`). Layers, lowest first; a module may import its own layer and the layers below,
 * never one above:
 *
 *   numeric → linalg → model → instance → arbitraries → theorems, variants → relaxation → runner → cli, report
 *
 * cli and report share the top layer, but only cli may import report. src/version.ts is a leaf
 * that any module may import; src/index.ts (the public API) may import anything and nothing in
 * src/ imports it. bench/, properties/, examples/ and scripts/ sit on top: they may import any
 * of src/, and src/ never imports them. No cycles, type-only imports included
 * (tsPreCompilationDeps: a type-only cycle still couples the modules, and `import type` of a
 * higher layer is still a dependency on it).
 */
const LAYERS = [['numeric'], ['linalg'], ['model'], ['instance'], ['arbitraries'], ['theorems', 'variants'], ['relaxation'], ['runner'], ['cli', 'report']];

const dirs = (names) => `^src/(${names.join('|')})/`;

const layerRules = LAYERS.slice(0, -1).map((layer, i) => ({
  name: `layer-${layer.join('+')}`,
  comment: `src/${layer.join(', src/')} may import only its own layer and the ones below (${LAYERS.slice(0, i + 1).flat().join(', ')}), and src/version.ts`,
  severity: 'error',
  from: { path: dirs(layer) },
  to: { path: dirs(LAYERS.slice(i + 1).flat()) },
}));

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'report-not-to-cli',
      comment: 'cli and report share the top layer: cli may import report, report must not import cli',
      severity: 'error',
      from: { path: '^src/report/' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'version-is-a-leaf',
      comment: 'src/version.ts is importable from anywhere, so it imports nothing of src/',
      severity: 'error',
      from: { path: '^src/version\\.ts$' },
      to: { path: '^src/' },
    },
    {
      name: 'nothing-imports-index',
      comment: 'src/index.ts is the public API: it re-exports modules of src/, none of which imports it',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/index\\.ts$' },
      to: { path: '^src/index\\.ts$' },
    },
    {
      name: 'src-not-to-tooling',
      comment: 'bench/, properties/, examples/ and scripts/ build on src/, never the other way round',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(bench|properties|examples|scripts)/' },
    },
    {
      name: 'no-circular',
      comment: 'no import cycles (type-only imports count)',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'every import resolves (a typo or a moved file is reported here, not at run time)',
      severity: 'error',
      from: {},
      // examples/consumer imports the package by name: it resolves once the consumer's
      // node_modules/rlaif-props link exists (properties/examples.test.ts makes it).
      to: { couldNotResolve: true, pathNot: '^rlaif-props$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // The consumer example's own install (a symlink to the repository root) is not cruised.
    exclude: { path: '(^|/)node_modules/|^examples/consumer/node_modules/|^dist/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
