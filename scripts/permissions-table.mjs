// Rewrites the roles × permissions table in README.md from the policy table in libs/contracts:
// each cell shows the scope and the declared view (`programme · full`, `enterprise · placement`).
// Run after changing libs/contracts/src/permissions.ts: `node scripts/permissions-table.mjs`.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { root } from './lib.mjs';

const require = createRequire(import.meta.url);
require('ts-node').register({ transpileOnly: true, compilerOptions: { module: 'commonjs' } });
const { permissionsMarkdown } = require(join(root, 'libs/contracts/src/permissions-table.ts'));

const file = join(root, 'README.md');
const readme = readFileSync(file, 'utf8');
const next = readme.replace(
  /<!-- permissions:start -->\n[\s\S]*?\n<!-- permissions:end -->/,
  `<!-- permissions:start -->\n${permissionsMarkdown()}\n<!-- permissions:end -->`,
);
writeFileSync(file, next);
console.warn(
  next === readme ? 'README.md already up to date' : 'README.md permissions table updated',
);
