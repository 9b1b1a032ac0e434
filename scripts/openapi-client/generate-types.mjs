// openapi-typescript's Node API: `paths` and `components` types from an OpenAPI document.
//   node scripts/openapi-client/generate-types.mjs openapi.json stegvis-api.ts
// (A script of its own: openapi-typescript loads ES modules that jest's sandbox cannot.)
import { readFileSync, writeFileSync } from 'node:fs';
import openapiTS, { astToString } from 'openapi-typescript';

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: generate-types.mjs <openapi.json> <out.ts>');
  process.exit(2);
}
const ast = await openapiTS(readFileSync(input, 'utf8'));
writeFileSync(output, astToString(ast));
