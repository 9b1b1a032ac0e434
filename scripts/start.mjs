// npm start: install if needed, build, migrate, seed the demo data (DEMO=true unless set), serve.
import { join } from 'node:path';
import { build, ensureDependencies, root, serve } from './lib.mjs';

ensureDependencies();
build();
serve(process.execPath, [join(root, 'dist', 'backend', 'main.js')], {
  NODE_ENV: 'production',
  // At a terminal, readable lines and a banner with the demo logins; piped (a service, CI) JSON.
  LOG_FORMAT: process.env.LOG_FORMAT ?? (process.stdout.isTTY ? 'pretty' : 'json'),
  DEMO: process.env.DEMO ?? 'true',
  STATIC_DIR: process.env.STATIC_DIR ?? join(root, 'dist', 'frontend', 'browser'),
});
