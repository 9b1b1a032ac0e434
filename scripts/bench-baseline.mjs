#!/usr/bin/env node
// The bare baseline of `npm run bench`: node:http + node-postgres (`pg`), nothing else. For each
// route it replays, on one pooled connection, exactly the SQL statements the API sent for one
// request of that route (captured by scripts/bench-sql-capture.cjs, audit insert included), with
// the ids of the request substituted where the route varies per request (plan save, follow-up
// create), and answers the JSON of the statement that returned the most rows.
//
//   node scripts/bench-baseline.mjs SPEC.json PORT     (DATABASE_URL, DB_POOL_SIZE in the env)
//
// SPEC.json: { routes: { name: { statements: [{ text, values }], subst: [{ stmt, path, param, type }] } } }
// A request is GET|PUT|POST /<name>?<param>=<value>…
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(resolve(root, 'package.json'));
const pg = require('pg');

const [specFile, portArg] = process.argv.slice(2);
const spec = JSON.parse(readFileSync(specFile, 'utf8'));
const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.DB_POOL_SIZE ?? 10),
});

function setPath(values, path, value) {
  let target = values;
  for (let i = 0; i < path.length - 1; i++) target = target[path[i]];
  target[path[path.length - 1]] = value;
}

async function run(route, params) {
  const client = await pool.connect();
  try {
    let best = [];
    for (let i = 0; i < route.statements.length; i++) {
      const { text, values } = route.statements[i];
      let bound = values;
      const subs = route.subst.filter((s) => s.stmt === i);
      if (subs.length > 0) {
        bound = structuredClone(values);
        for (const s of subs) {
          const raw = params.get(s.param);
          setPath(bound, s.path, s.type === 'number' ? Number(raw) : raw);
        }
      }
      const result = await client.query(text, bound);
      if (Array.isArray(result.rows) && result.rows.length >= best.length) best = result.rows;
    }
    return best;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const route = spec.routes[url.pathname.slice(1)];
  if (!route) {
    res.writeHead(404).end();
    return;
  }
  req.resume();
  req.on('end', () => {
    run(route, url.searchParams).then(
      (rows) => {
        const body = JSON.stringify({ items: rows });
        res.writeHead(200, {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        });
        res.end(body);
      },
      (error) => {
        process.stderr.write(`baseline ${url.pathname}: ${error.message}\n`);
        res.writeHead(500).end();
      },
    );
  });
});
server.listen(Number(portArg), '127.0.0.1', () => process.stdout.write('baseline ready\n'));
const stop = () => server.close(() => pool.end().then(() => process.exit(0)));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
