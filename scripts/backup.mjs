// npm run backup [-- <file>]
//   DATABASE_URL set → pg_dump -Fc to <file> (default ./backups/stegvis-<timestamp>.dump)
//   otherwise        → the embedded database folder DATA_DIR/pg as a tar.gz
//                      (default ./backups/stegvis-<timestamp>.tar.gz); Stegvis must be stopped.
import { mkdirSync, existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fail, refuseWhileRunning, settings, timestamp, tool } from './backup-lib.mjs';

const { databaseUrl, dataDir } = settings();
const target = process.argv[2];

if (databaseUrl) {
  const file = resolve(target || `backups/stegvis-${timestamp()}.dump`);
  mkdirSync(dirname(file), { recursive: true });
  tool('pg_dump', ['--format=custom', '--no-owner', '--no-acl', `--file=${file}`, databaseUrl]);
  console.log(`Backup written to ${file}`);
} else {
  if (!existsSync(resolve(dataDir, 'pg'))) fail(`No embedded database in ${dataDir}/pg.`);
  refuseWhileRunning(dataDir);
  const file = resolve(target || `backups/stegvis-${timestamp()}.tar.gz`);
  mkdirSync(dirname(file), { recursive: true });
  // The generated two-step verification key (README) belongs with the data it decrypts.
  const key = existsSync(resolve(dataDir, 'mfa.key')) ? ['mfa.key'] : [];
  tool('tar', ['-czf', file, '-C', dataDir, 'pg', ...key]);
  console.log(`Backup of ${dataDir}/pg${key.length ? ' and mfa.key' : ''} written to ${file}`);
}
