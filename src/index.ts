/**
 * The public API of `rlaif-props`: what another project needs to write theorem parts of its
 * own, draw instances with the shared arbitraries, and check, hunt, store and replay them.
 *
 * A deliberate, explicit list: every name here is a promise. Nothing in src/ imports this file
 * (the dependency rule, .dependency-cruiser.cjs, says so); when a module moves or a name
 * changes, edit the line below and the build says whether the list still resolves.
 */

// The theorem-part contract, and declaring a family of parts once.
export { BUILTIN_TAGS, holds } from './theorems/types.ts';
export type { BuiltinTag, Evaluation, ExpectedOutcome, GenOptions, PaperClaim, Tag, TagDefinition, TagRule, TheoremPart } from './theorems/types.ts';
export { defineFamily, vocabularyOf } from './theorems/family.ts';
export type { Family, FamilySpec, PartSpec } from './theorems/family.ts';

// Assumption tags: THEORY's, and a family's own (defineTag); which tags an instance meets.
export { defineTag, isBuiltinTag, tagRule, tagsInForce, THEORY_TAGS, unmetTags } from './theorems/tags.ts';

// Instance fields: THEORY's vocabulary, and a family's own fields (defineField).
export { AXES, defineField, THEORY_FIELDS, THEORY_VOCABULARY, Vocabulary } from './instance/fields.ts';
export type { Axis, FieldSpec } from './instance/fields.ts';
export { instanceJsonSchema } from './instance/schema.ts';

// The registry of THEORY's families and the shipped variants.
export { loadRegistry, loadVariants, makeRegistry, THEORY_FAMILIES } from './theorems/registry.ts';
export type { Registry } from './theorems/registry.ts';

// Evaluating one instance (validation, tags in force, non-finite results as harness errors).
export { evaluatePart } from './theorems/evaluate.ts';
export type { Verdict } from './theorems/evaluate.ts';

// Shared arbitraries (one row per coordinate, so shrinking removes a dimension everywhere).
export {
  basisOf,
  basisRow,
  beta,
  BULK_FROM_DIM,
  column,
  compact,
  constitutionRank,
  coord,
  coordinates,
  covarianceFields,
  covarianceOf,
  covarianceRow,
  covarianceTimes,
  DEFAULT_MAX_DIM,
  epsilon,
  int,
  linkFor,
  nonZero,
  rowRank,
  STRUCTURED_FROM_DIM,
} from './arbitraries/index.ts';
export type { CovarianceRow } from './arbitraries/index.ts';
export { shrinkable } from './arbitraries/shrinkable.ts';
export type { ShrinkableOptions } from './arbitraries/shrinkable.ts';
export { latentArbitrary, MAX_EXTRA, MAX_LATENT, MAX_RANK as LATENT_MAX_RANK, noiseIncrement, noiseLevel, tanhSlope } from './arbitraries/latent.ts';
export type { LatentShape, LatentTags } from './arbitraries/latent.ts';
export { gainSetting, judgeDirection, MAX_RANK as RLAIF_MAX_RANK, readValueModel, rlaifArbitrary } from './theorems/common/rlaif-instance.ts';
export type { RlaifShape } from './theorems/common/rlaif-instance.ts';

// The value model's quantities (alignment A, expected value J), for checks of one's own.
export { alignment, correlation, expectedValue, valueModel } from './model/value.ts';
export type { ValueModel } from './model/value.ts';

// Signed margins (>= 0 holds) and their algebra; tolerances scaled to the magnitudes involved.
export { all, any, equal, implies, sameSign } from './numeric/margin.ts';
export { ABS_TOL, REL_TOL, scaledTol } from './numeric/tolerance.ts';

// Reading instances (THEORY §4 JSON).
export { checkNumber, checkVec, checkVecs, dimensionOf, MAX_DEPTH, MAX_MAGNITUDE, MIN_MAGNITUDE, Reader, validateInstance } from './instance/reader.ts';
export type { Instance } from './instance/reader.ts';
export type { Covariance } from './linalg/covariance.ts';
export type { Vec } from './linalg/vec.ts';

// Errors: bad input (exit 2) versus a harness failure such as a non-finite result (exit 3).
export { DefinitionError, finite, HarnessError, InputError } from './numeric/errors.ts';

// Running: a property check, a counterexample hunt, a replay.
export { checkPart, DEFAULT_RUNS, DEFAULT_SEED, describeReport, hitRate } from './runner/check.ts';
export type { CheckOptions, CheckReport } from './runner/check.ts';
export { DEFAULT_HUNT_RUNS, DEFAULT_HUNT_SEEDS, hunt, shrinkFrom, toCounterexample } from './runner/hunt.ts';
export { confirm, robustViolation } from './runner/confirm.ts';
export type { Confirmation } from './runner/confirm.ts';
export type { Found, HuntOptions, HuntResult } from './runner/hunt.ts';
// Guided search where random draws find nothing, and the degenerate-witness label.
export { DEFAULT_GUIDED_BUDGET, guidedHit, guidedSearch, normalisedMargin } from './runner/guided.ts';
export type { Approach, GuidedOptions, GuidedResult } from './runner/guided.ts';
export { conventionSites, degeneracy } from './runner/degenerate.ts';
export type { ConventionSite, Degeneracy } from './runner/degenerate.ts';
export { replay } from './runner/replay.ts';
export type { ReplayResult } from './runner/replay.ts';

// The counterexample store.
export {
  assertStore,
  cleanTemporaries,
  CounterexampleSchema,
  DEFAULT_STORE,
  DirectoryStore,
  displayPath,
  fileNameFor,
  identity,
  listFiles,
  load,
  loadAll,
  MemoryStore,
  save,
  temporaries,
} from './runner/store.ts';
export type { Counterexample, CounterexampleStore, SaveResult, StoredCounterexample } from './runner/store.ts';

export { VERSION } from './version.ts';
