// The build's last step (`npm run build`): dist/catalogue.json, the registry's parts and the
// module of each family, so that `list` and one-part commands start without importing every
// model (src/theorems/catalogue.ts says when it is used and when it is stale).
// A registry that does not load (a variant declared wrongly) is not the build's to reject: no
// catalogue is written, and every command loads the registry and reports the error itself.
import { rmSync } from 'node:fs';
import { CATALOGUE_FILE, writeCatalogue } from '../dist/theorems/catalogue.js';

try {
  await writeCatalogue();
} catch (e) {
  rmSync(new URL(`../dist/${CATALOGUE_FILE}`, import.meta.url), { force: true });
  process.stderr.write(`no catalogue written (the commands will load the registry): ${String(e.message ?? e).split('\n')[0]}\n`);
}
