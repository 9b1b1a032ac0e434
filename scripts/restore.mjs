// npm run restore -- <file>
//   DATABASE_URL set → pg_restore --clean --if-exists into that database (a .dump from backup)
//   otherwise        → unpack a .tar.gz from backup into DATA_DIR/pg; an existing folder is kept
//                      as DATA_DIR/pg.before-restore-<timestamp>. Stegvis must be stopped.
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { resolve } from 'node:path';
import { fail, refuseWhileRunning, settings, timestamp, tool } from './backup-lib.mjs';

const { databaseUrl, dataDir } = settings();
const source = process.argv[2];
if (!source) fail('Usage: npm run restore -- <backup file>');
const file = resolve(source);
if (!existsSync(file)) fail(`No such file: ${file}`);

if (databaseUrl) {
  tool('pg_restore', [
    '--clean',
    '--if-exists',
    '--no-owner',
    '--no-acl',
    '--exit-on-error',
    '--single-transaction',
    `--dbname=${databaseUrl}`,
    file,
  ]);
  console.log(`Restored ${file} into the database of DATABASE_URL.`);
} else {
  refuseWhileRunning(dataDir);
  mkdirSync(dataDir, { recursive: true });
  const current = resolve(dataDir, 'pg');
  if (existsSync(current)) {
    const kept = resolve(dataDir, `pg.before-restore-${timestamp()}`);
    renameSync(current, kept);
    console.log(`The current database folder was kept as ${kept}`);
  }
  const currentKey = resolve(dataDir, 'mfa.key');
  if (existsSync(currentKey)) {
    const keptKey = resolve(dataDir, `mfa.key.before-restore-${timestamp()}`);
    renameSync(currentKey, keptKey);
    console.log(`The current two-step verification key was kept as ${keptKey}`);
  }
  tool('tar', ['-xzf', file, '-C', dataDir]);
  console.log(`Restored ${file} into ${current}`);
}
