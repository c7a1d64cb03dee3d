// The package as it would be published (`npm run lint:package`): packed, then checked by
// publint (package.json fields, exports, files) and Are The Types Wrong (the declarations
// resolve for ESM consumers). dist/ is built by `npm test` before vitest runs.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

it('publint and attw find nothing wrong with the packed package', () => {
  expect(existsSync(`${ROOT}dist/index.js`), 'dist/ is not built: npm test builds it').toBe(true);
  const r = spawnSync(process.execPath, ['scripts/lint-package.js'], { cwd: ROOT, encoding: 'utf8', timeout: 240_000 });
  expect(r.status, r.stdout + r.stderr).toBe(0);
  expect(r.stdout).toMatch(/All good!/);
});
