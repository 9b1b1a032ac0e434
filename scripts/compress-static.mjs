#!/usr/bin/env node
// Writes brotli (.br) and gzip (.gz) copies next to the web app's text files in
// dist/frontend/browser, so that the API's static file server answers compressed files without
// compressing on every request (@fastify/static `preCompressed`). Run after the frontend build
// (scripts/lib.mjs build() and `npm run build` do); files already compressed are skipped.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dir = resolve(
  root,
  process.argv.slice(2).find((arg) => !arg.startsWith('--')) ?? 'dist/frontend/browser',
);
const TEXT = /\.(js|css|html|json|svg|txt|webmanifest)$/;

function* files(folder) {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (TEXT.test(entry.name)) yield path;
  }
}

let count = 0;
let before = 0;
let after = 0;
for (const path of files(dir)) {
  const source = statSync(path);
  if (source.size < 1024) continue;
  const fresh = (copy) => {
    try {
      return statSync(copy).mtimeMs >= source.mtimeMs;
    } catch {
      return false;
    }
  };
  if (fresh(`${path}.br`) && fresh(`${path}.gz`)) continue;
  const data = readFileSync(path);
  const br = brotliCompressSync(data, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
    },
  });
  writeFileSync(`${path}.br`, br);
  writeFileSync(`${path}.gz`, gzipSync(data, { level: 9 }));
  count++;
  before += data.length;
  after += br.length;
}
if (count > 0) {
  process.stdout.write(
    `Compressed ${count} files of the web app: ${(before / 1000).toFixed(0)} kB → ${(after / 1000).toFixed(0)} kB (brotli)\n`,
  );
}
