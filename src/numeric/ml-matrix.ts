/**
 * ml-matrix, loaded on first use rather than when a module that may need it is imported.
 *
 * Why: it is the heaviest import of the model (about a quarter of a second of a CLI process on
 * a busy machine), and many runs never touch it: an isotropic Σ never builds a dense Cholesky
 * factor, and a hunt of T2.c never computes a Gauss rule or a Monte Carlo factor. The modules
 * that need it (a dense or structured Σ, Golub–Welsch, the agreement's factor) call `mlMatrix()`
 * inside the function that uses it. A synchronous require of the package's CommonJS build is
 * the same module instance its ESM entry re-exports, so classes are shared with modules that
 * import it statically.
 */
import { createRequire } from 'node:module';
import type * as MlMatrix from 'ml-matrix';

let loaded: typeof MlMatrix | undefined;

export function mlMatrix(): typeof MlMatrix {
  return (loaded ??= createRequire(import.meta.url)('ml-matrix') as typeof MlMatrix);
}
