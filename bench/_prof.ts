import { getPart } from '../src/theorems/registry.ts';
import { throughput } from './throughput.ts';
for (const id of process.argv.slice(2)) throughput(getPart(id), 4096, 16, 4000);
