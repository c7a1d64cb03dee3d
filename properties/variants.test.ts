// Theorem variants (src/variants/): checked exactly like THEORY's parts.
import { VARIANTS } from '../src/theorems/registry.ts';
import { verifyFamily } from './support/suite.ts';

verifyFamily(VARIANTS);
