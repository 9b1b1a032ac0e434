// The response half of the OpenAPI contract, generated from the one place it is declared: each
// controller method's return type (e.g. `Promise<Page<Participant | SupervisedParticipant>>`),
// made of libs/contracts' interfaces. ts-json-schema-generator turns those types into JSON
// schemas; the result is committed as backend/src/openapi/contract-schemas.json and read when the
// document is built (backend/src/openapi/openapi-document.ts).
//
//   node scripts/openapi-schemas.mjs           rewrite the file
//   node scripts/openapi-schemas.mjs --check   exit 1 if the committed file is stale
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import prettier from 'prettier';
import { createGenerator } from 'ts-json-schema-generator';
import ts from 'typescript';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUTPUT = join(root, 'backend/src/openapi/contract-schemas.json');
const CONTRACTS = join(root, 'libs/contracts/src/index.ts');
const HTTP_METHODS = new Set(['Get', 'Post', 'Put', 'Patch', 'Delete']);
/** Return-type members that are a file download (described by the route's @ApiProduces). */
const FILE_BODIES = new Set(['StreamableFile', 'string']);

function controllerFiles(dir = join(root, 'backend/src')) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return controllerFiles(path);
    return entry.name.endsWith('.controller.ts') ? [path] : [];
  });
}

const decorators = (node) => ts.getDecorators(node) ?? [];
const decoratorName = (d) =>
  ts.isCallExpression(d.expression) && ts.isIdentifier(d.expression.expression)
    ? d.expression.expression.text
    : null;

/** Every route: its operationId, the response type's source text and the names it imports. */
export function routes() {
  const found = [];
  for (const file of controllerFiles()) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
    const contractNames = new Set();
    for (const statement of source.statements) {
      if (
        ts.isImportDeclaration(statement) &&
        statement.moduleSpecifier.text === '@stegvis/contracts'
      ) {
        for (const element of statement.importClause?.namedBindings?.elements ?? [])
          contractNames.add(element.name.text);
      }
    }
    for (const node of source.statements) {
      if (!ts.isClassDeclaration(node)) continue;
      for (const member of node.members) {
        if (!ts.isMethodDeclaration(member)) continue;
        if (!decorators(member).some((d) => HTTP_METHODS.has(decoratorName(d)))) continue;
        const where = `${relative(root, file)} ${node.name.text}.${member.name.getText(source)}`;
        const operation = decorators(member).find((d) => decoratorName(d) === 'ApiOperation');
        const operationId = operation?.expression.arguments[0]?.properties?.find(
          (p) => p.name?.getText(source) === 'operationId',
        )?.initializer?.text;
        if (!operationId) throw new Error(`${where}: @ApiOperation({ operationId }) is missing`);
        if (!member.type) throw new Error(`${where}: declare the return type`);
        found.push({ operationId, where, type: responseType(member.type, source), contractNames });
      }
    }
  }
  return found.sort((a, b) => a.operationId.localeCompare(b.operationId));
}

/** `Promise<A | B | StreamableFile>` → 'A | B'; null when the route answers no JSON body. */
function responseType(type, source) {
  let node = type;
  if (ts.isTypeReferenceNode(node) && node.typeName.getText(source) === 'Promise')
    node = node.typeArguments[0];
  const members = ts.isUnionTypeNode(node) ? node.types : [node];
  const json = members.map((m) => m.getText(source)).filter((text) => !FILE_BODIES.has(text));
  if (json.length === 0 || (json.length === 1 && json[0] === 'void')) return null;
  return json.join(' | ');
}

/** A JSON-schema definition name as an OpenAPI component name: `Page<Participant>` → `ParticipantPage`. */
function componentName(name) {
  const generic = /^(\w+)<(.+)>$/.exec(name);
  if (!generic) return name.replace(/[^A-Za-z0-9._-]/g, '_');
  const args = generic[2]
    .replace(/[()]/g, '')
    .split('|')
    .map((part) => componentName(part.trim()))
    .join('Or');
  return `${args}${generic[1]}`;
}

function rewriteRefs(value, names) {
  if (Array.isArray(value)) return value.map((v) => rewriteRefs(v, names));
  if (value === null || typeof value !== 'object') return value;
  const out = {};
  for (const [key, v] of Object.entries(value)) {
    if (key === '$ref' && typeof v === 'string') {
      const name = decodeURIComponent(v.replace('#/definitions/', ''));
      out[key] = `#/components/schemas/${names.get(name) ?? componentName(name)}`;
    } else out[key] = rewriteRefs(v, names);
  }
  return out;
}

export async function generate() {
  const all = routes();
  const names = new Set(['ApiError', ...all.flatMap((r) => [...r.contractNames])]);
  // Inside the repository: the TypeScript configuration's rootDir must contain the entry file.
  const cache = join(root, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(join(cache, 'stegvis-openapi-'));
  try {
    const entry = join(dir, 'responses.ts');
    // One interface, a property per operation: its properties are the response schemas.
    writeFileSync(
      entry,
      [
        `import type { ${[...names].sort().join(', ')} } from ${JSON.stringify(CONTRACTS.replace(/\.ts$/, ''))};`,
        'export interface Responses {',
        '  ApiError: ApiError;',
        ...all.filter((r) => r.type).map((r) => `  ${r.operationId}: ${r.type};`),
        '}',
      ].join('\n'),
    );
    const schema = createGenerator({
      path: entry,
      tsconfig: join(root, 'libs/contracts/tsconfig.json'),
      type: 'Responses',
      expose: 'export',
      topRef: false,
      jsDoc: 'extended',
      additionalProperties: true,
      sortProps: true,
    }).createSchema('Responses');
    const definitions = schema.definitions ?? {};
    const renamed = new Map(Object.keys(definitions).map((name) => [name, componentName(name)]));
    const responses = {};
    const schemas = {};
    for (const route of all) {
      if (route.type)
        responses[route.operationId] = rewriteRefs(schema.properties[route.operationId], renamed);
    }
    for (const [name, definition] of Object.entries(definitions))
      schemas[renamed.get(name)] = rewriteRefs(definition, renamed);
    const text = JSON.stringify({
      $comment: 'Generated by scripts/openapi-schemas.mjs from libs/contracts; do not edit.',
      schemas: Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b))),
      responses,
    });
    return prettier.format(text, { ...(await prettier.resolveConfig(OUTPUT)), parser: 'json' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const text = await generate();
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(OUTPUT, 'utf8');
    } catch {
      // missing: stale
    }
    if (current !== text) {
      console.error(
        `${relative(root, OUTPUT)} is stale: run node scripts/openapi-schemas.mjs and commit it.`,
      );
      process.exit(1);
    }
    console.log(`${relative(root, OUTPUT)} is up to date.`);
  } else {
    writeFileSync(OUTPUT, text);
    console.log(`wrote ${relative(root, OUTPUT)}`);
  }
}
