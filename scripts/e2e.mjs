// npm run e2e: build, then the browser and API end-to-end suite in e2e/ (headless Chromium from
// the system, driven by playwright-core; the app runs as `npm start` runs it, on a fresh data folder).
import { join } from 'node:path';
import { build, ensureDependencies, root, run } from './lib.mjs';

ensureDependencies();
build();
run(process.execPath, [
  join(root, 'node_modules', 'jest', 'bin', 'jest.js'),
  '-c',
  join(root, 'e2e', 'jest.config.js'),
  ...process.argv.slice(2),
]);
