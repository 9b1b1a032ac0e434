import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from '../../config/app-config';

const KEY_FILE = 'mfa.key';
const HKDF_INFO = 'stegvis mfa secret v1';
const VERSION = 'v1';

/**
 * Where the key that encrypts TOTP secrets comes from: MFA_ENCRYPTION_KEY when set; otherwise,
 * in the embedded mode only, a random key generated into DATA_DIR/mfa.key on first use (so
 * `npm start` needs no configuration). With DATABASE_URL and no MFA_ENCRYPTION_KEY there is no
 * key: several instances could not share a file, so the operator must set one.
 */
export function loadMfaKey(config: AppConfig, options: { create: boolean }): Buffer | null {
  if (config.MFA_ENCRYPTION_KEY) return derive(Buffer.from(config.MFA_ENCRYPTION_KEY, 'utf8'));
  if (config.DATABASE_URL) return null;
  const path = join(config.DATA_DIR, KEY_FILE);
  const existing = readKeyFile(path);
  if (existing) return derive(existing);
  if (!options.create) return null;
  mkdirSync(config.DATA_DIR, { recursive: true });
  try {
    // 'wx': never overwrite a key another process wrote meanwhile; owner-only permissions.
    writeFileSync(path, `${randomBytes(32).toString('base64')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const written = readKeyFile(path);
  if (!written) throw new Error(`${path} does not hold a 32-byte base64 key`);
  return derive(written);
}

function readKeyFile(path: string): Buffer | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const key = Buffer.from(text.trim(), 'base64');
  return key.length === 32 ? key : null;
}

function derive(material: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', material, Buffer.alloc(0), HKDF_INFO, 32));
}

/**
 * AES-256-GCM with the user's id as associated data, so a secret copied onto another user's
 * row does not decrypt. Format: `v1.<iv>.<tag>.<ciphertext>`, base64url.
 */
export function encryptSecret(key: Buffer, userId: string, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(userId, 'utf8'));
  const data = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), data]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.');
}

/** The plain secret, or throws when the key or the user does not match. */
export function decryptSecret(key: Buffer, userId: string, stored: string): string {
  const [version, iv, tag, data] = stored.split('.');
  if (version !== VERSION || !iv || !tag || !data) throw new Error('unknown MFA secret format');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(userId, 'utf8'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([
    decipher.update(Buffer.from(data, 'base64url')),
    decipher.final(),
  ]).toString('utf8');
}
