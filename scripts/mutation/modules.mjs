// The modules `npm run mutate:module` knows (scripts/mutation/run-module.mjs): for each, the
// source files Stryker mutates and the property files that are about them. Only those tests run
// (the dry run then takes seconds, not the whole suite's hour), and per-test coverage narrows
// each mutant further to the tests that reach it. properties/mutation-kills/<name>.test.ts, when
// it exists, holds the direct facts written to kill that module's survivors.
// The model modules are judged by their unit properties (properties/model/) and direct facts,
// not by the theorem families' suites (properties/tN-*.test.ts): those check whole parts and,
// instrumented, take tens of seconds per mutant (model-ablation with t7-refusal.test.ts: 23
// minutes for 96 mutants, most of it timeouts). The theorem files are judged by their suites.
const KILLS = (name) => `properties/mutation-kills/${name}*.test.ts`;
// A theorem file is judged by its family's suite (each part holds under its full tags, with its
// precondition met), and by what shows its checks can fail and report: every stored witness
// replayed (a violation under dropped tags), the worked instances of model/checks.test.ts, the
// explanations built from a check's quantities, and its direct facts.
const THEOREM = (name) => [`properties/${name}.test.ts`, 'properties/replay.test.ts', 'properties/model/checks.test.ts', 'properties/explain.test.ts', KILLS(name)];

/** @type {Record<string, { files: string[]; tests: string[] }>} */
export const MODULES = {
  'model-ablation': { files: ['src/model/ablation.ts'], tests: ['properties/model/adversarial.test.ts', KILLS('model-ablation')] },
  'model-bradley-terry': { files: ['src/model/bradley-terry.ts'], tests: [KILLS('model-bradley-terry')] },
  'model-agreement': {
    files: ['src/model/agreement.ts'],
    tests: ['properties/model/{agreement,units,checks}.test.ts', KILLS('model-agreement')],
  },
  'model-pareto': { files: ['src/model/pareto.ts'], tests: ['properties/model/pareto.test.ts', KILLS('model-pareto')] },
  'model-adversarial': { files: ['src/model/adversarial.ts'], tests: ['properties/model/adversarial.test.ts', KILLS('model-adversarial')] },
  'model-latent': {
    files: ['src/model/latent.ts', 'src/model/latent/*.ts'],
    tests: ['properties/model/latent.test.ts', KILLS('model-latent')],
  },
  // The foundations every check stands on (stryker.config.mjs's FULL set beyond the model modules
  // above and the theorem files): judged by the unit properties about them.
  linalg: { files: ['src/linalg/*.ts'], tests: ['properties/model/{linalg,conditioning,units}.test.ts', KILLS('linalg')] },
  numeric: { files: ['src/numeric/*.ts'], tests: ['properties/model/{quadrature,rng,units,linalg}.test.ts', KILLS('numeric')] },
  'model-core': { files: ['src/model/rlaif.ts', 'src/model/value.ts', 'src/model/link.ts'], tests: ['properties/model/{units,linalg,checks,quadrature}.test.ts', KILLS('model-core')] },
  // The theorems' machinery (evaluation, tags, families, the registry and the explanations),
  // the rest of stryker.config.mjs's FULL set. Files one by one: MUTATE_FILES is comma-separated.
  // properties/catalogue.test.ts is not among the tests: it checks the build (dist/, copied with
  // new file times into Stryker's sandbox) and runs the bin in child processes, which no mutant
  // reaches; catalogue.ts is judged in process by the direct facts.
  'theorems-core': {
    files: ['src/theorems/evaluate.ts', 'src/theorems/family.ts', 'src/theorems/tags.ts', 'src/theorems/registry.ts', 'src/theorems/catalogue.ts', 'src/theorems/common/*.ts', 'src/theorems/explain/*.ts'],
    tests: ['properties/{registry,tag-conformance,explain}.test.ts', 'properties/model/checks.test.ts', KILLS('theorems-core')],
  },
  // The store's identity, schema and the store in memory; the folder of files apart (its
  // mutants run the file-system tests, several seconds each).
  'runner-store': { files: ['src/runner/store/schema.ts', 'src/runner/store/memory.ts'], tests: ['properties/runner/store.test.ts', KILLS('runner-store')] },
  'runner-store-directory': { files: ['src/runner/store/directory.ts'], tests: ['properties/runner/store.test.ts', KILLS('runner-store')] },
  shrinker: {
    files: ['src/arbitraries/shrinkable.ts', 'src/arbitraries/_internals/*.ts'],
    tests: ['properties/shrinker.test.ts', KILLS('shrinker')],
  },
  // The hunt and its re-confirmation: the shrinker's properties, the runner's own (errors counted,
  // content keys, degenerate witnesses, the guided phase, parts failing under full tags) and the
  // CLI run in process (properties/cli/main.test.ts: hunts stored, replayed, not found).
  'runner-hunt': {
    files: ['src/runner/hunt.ts', 'src/runner/confirm.ts'],
    tests: ['properties/shrinker.test.ts', 'properties/runner/{hunt-errors,content-key,degenerate,guided,part-fails}.test.ts', 'properties/cli/main.test.ts', KILLS('runner-hunt')],
  },
  't1-gain-law': { files: ['src/theorems/t1-gain-law.ts'], tests: THEOREM('t1-gain-law') },
  't2-self-improvement': { files: ['src/theorems/t2-self-improvement.ts'], tests: THEOREM('t2-self-improvement') },
  't3-ceiling': { files: ['src/theorems/t3-ceiling.ts'], tests: THEOREM('t3-ceiling') },
  't3s-capacity': { files: ['src/theorems/t3s-capacity.ts'], tests: THEOREM('t3s-capacity') },
  't4-adversarial': { files: ['src/theorems/t4-adversarial.ts'], tests: THEOREM('t4-adversarial') },
  't5-pareto': { files: ['src/theorems/t5-pareto.ts'], tests: THEOREM('t5-pareto') },
  't6-monotone': { files: ['src/theorems/t6-monotone.ts'], tests: THEOREM('t6-monotone') },
  't7-refusal': { files: ['src/theorems/t7-refusal.ts'], tests: THEOREM('t7-refusal') },
};
