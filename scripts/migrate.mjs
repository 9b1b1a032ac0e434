// npm run migrate: apply pending migrations to DATABASE_URL (or the embedded database) and exit.
import { join } from 'node:path';
import { build, ensureDependencies, root, run } from './lib.mjs';

ensureDependencies();
build(['backend']);
run(process.execPath, [join(root, 'dist', 'backend', 'main.js'), 'migrate']);
