// T5 — being written (see the family's issue); the registry already lists the family.
import type { TheoremPart } from './types.ts';

export default [] as TheoremPart[];
