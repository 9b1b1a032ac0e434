// Preloaded into the API by `npm run bench` (node -r scripts/bench-sql-capture.cjs dist/backend/main.js)
// during its capture phase only: wraps node-postgres' Client#query and appends every statement
// (text + parameter values) the API sends, as one JSON line, to BENCH_SQL_CAPTURE_FILE. The API
// itself is unchanged; without this preload nothing is captured.
'use strict';
const { appendFileSync } = require('node:fs');
const file = process.env.BENCH_SQL_CAPTURE_FILE;
if (file) {
  const pg = require('pg');
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function capturedQuery(config, values, callback) {
    let text;
    let params;
    if (typeof config === 'string') {
      text = config;
      params = Array.isArray(values) ? values : undefined;
    } else if (config && typeof config.text === 'string') {
      text = config.text;
      params = config.values ?? (Array.isArray(values) ? values : undefined);
    }
    if (text !== undefined) {
      appendFileSync(file, `${JSON.stringify({ text, values: params ?? [] })}\n`);
    }
    return original.call(this, config, values, callback);
  };
}
