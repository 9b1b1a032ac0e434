// npm test: install if needed, then every jest suite — unit tests and the integration tests,
// which run through HTTP against a real database (DATABASE_URL, or an embedded PGlite).
import { join } from 'node:path';
import { ensureDependencies, root, run } from './lib.mjs';

ensureDependencies();
run(process.execPath, [
  join(root, 'node_modules', 'jest', 'bin', 'jest.js'),
  ...process.argv.slice(2),
]);
