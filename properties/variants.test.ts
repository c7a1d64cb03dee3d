// Theorem variants (src/variants/): checked exactly like THEORY's parts.
import { loadRegistry } from '../src/theorems/registry.ts';
import { verifyFamily } from './support/suite.ts';

verifyFamily((await loadRegistry()).variants);
