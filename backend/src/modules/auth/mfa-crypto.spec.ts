import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../config/app-config';
import { decryptSecret, encryptSecret, loadMfaKey } from './mfa-crypto';

const USER = '6f1c2a9e-8d3b-4c1a-9e7f-0a1b2c3d4e5f';
const OTHER = '7a2d3b0f-9e4c-4d2b-8f80-1b2c3d4e5f60';
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

describe('MFA secret encryption', () => {
  it('uses MFA_ENCRYPTION_KEY when set, in either mode', () => {
    const env = { MFA_ENCRYPTION_KEY: 'x'.repeat(40) };
    const embedded = loadMfaKey(loadConfig(env), { create: false });
    const server = loadMfaKey(loadConfig({ ...env, DATABASE_URL: 'postgres://localhost/x' }), {
      create: false,
    });
    expect(embedded?.length).toBe(32);
    expect(server?.equals(embedded as Buffer)).toBe(true);
  });

  it('refuses a key shorter than 32 characters at start-up', () => {
    expect(() => loadConfig({ MFA_ENCRYPTION_KEY: 'short' })).toThrow(/MFA_ENCRYPTION_KEY/);
  });

  it('generates a key file in DATA_DIR in the embedded mode, once, readable by the owner only', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'stegvis-mfa-key-')), 'data');
    const config = loadConfig({ DATA_DIR: dir });
    expect(loadMfaKey(config, { create: false })).toBeNull();
    const key = loadMfaKey(config, { create: true });
    expect(key?.length).toBe(32);
    const file = join(dir, 'mfa.key');
    expect(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64')).toHaveLength(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadMfaKey(config, { create: true })?.equals(key as Buffer)).toBe(true);
  });

  it('has no key with DATABASE_URL and no MFA_ENCRYPTION_KEY, and writes no file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'stegvis-mfa-key-'));
    const config = loadConfig({ DATA_DIR: dir, DATABASE_URL: 'postgres://localhost/x' });
    expect(loadMfaKey(config, { create: true })).toBeNull();
  });

  it('round-trips, and refuses another key, another user or a tampered text', () => {
    const key = loadMfaKey(loadConfig({ MFA_ENCRYPTION_KEY: 'k'.repeat(32) }), { create: false });
    const other = loadMfaKey(loadConfig({ MFA_ENCRYPTION_KEY: 'j'.repeat(32) }), {
      create: false,
    });
    if (!key || !other) throw new Error('no key');
    const stored = encryptSecret(key, USER, SECRET);
    expect(stored).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(stored).not.toContain(SECRET);
    expect(encryptSecret(key, USER, SECRET)).not.toBe(stored); // a fresh IV each time
    expect(decryptSecret(key, USER, stored)).toBe(SECRET);
    expect(() => decryptSecret(other, USER, stored)).toThrow();
    expect(() => decryptSecret(key, OTHER, stored)).toThrow();
    const parts = stored.split('.');
    parts[3] = Buffer.from('tampered').toString('base64url');
    expect(() => decryptSecret(key, USER, parts.join('.'))).toThrow();
    expect(() => decryptSecret(key, USER, 'plain')).toThrow(/format/);
  });
});
