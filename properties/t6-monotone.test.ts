// T6: monotone nonlinear values — Sheppard's formula and the sign of the gain survive any
// strictly increasing link f.
import T6 from '../src/theorems/t6-monotone.ts';
import { verifyFamily } from './support/suite.ts';

verifyFamily(T6);
