import type { MfaEnrolment, MfaRecoveryCodes } from '@stegvis/contracts';
import { Secret, TOTP } from 'otpauth';
import type { DataSource } from 'typeorm';
import { loadConfig } from '../../src/config/app-config';
import { encryptSecret, loadMfaKey } from '../../src/modules/auth/mfa-crypto';
import { TEST_PASSWORD } from './factories';
import { TEST_MFA_ENCRYPTION_KEY, type Client } from './test-app';

/** The code an authenticator app shows for `secret` (base32), `offsetSteps` × 30 s from now. */
export function totpCode(secret: string, offsetSteps = 0): string {
  return new TOTP({ secret: Secret.fromBase32(secret) }).generate({
    timestamp: Date.now() + offsetSteps * 30_000,
  });
}

/** Starts an enrolment for the token's user, through the API. */
export async function startEnrolment(client: Client, token: string): Promise<MfaEnrolment> {
  const reply = await client.request<MfaEnrolment>('POST', '/api/me/mfa/enrolment', {
    token,
    body: { password: TEST_PASSWORD },
  });
  if (reply.status !== 201) throw new Error(`MFA enrolment failed: ${reply.status}`);
  return reply.body;
}

/** Enrols and confirms: MFA is on for the token's user. */
export async function enableMfa(
  client: Client,
  token: string,
): Promise<{ secret: string; recoveryCodes: string[] }> {
  const { secret } = await startEnrolment(client, token);
  const reply = await client.request<MfaRecoveryCodes>('POST', '/api/me/mfa/confirm', {
    token,
    body: { code: totpCode(secret) },
  });
  if (reply.status !== 200) throw new Error(`MFA confirmation failed: ${reply.status}`);
  return { secret, recoveryCodes: reply.body.recoveryCodes };
}

/**
 * A TOTP secret written straight to the user's row (pending, or already on), encrypted as the
 * test apps do: for tests that need the state, not the enrolment (much cheaper than the API's
 * password checks and recovery-code hashing).
 */
export async function mfaSecretFor(
  dataSource: DataSource,
  userId: string,
  options: { enabled: boolean },
): Promise<string> {
  const key = loadMfaKey(loadConfig({ MFA_ENCRYPTION_KEY: TEST_MFA_ENCRYPTION_KEY }), {
    create: false,
  });
  if (!key) throw new Error('no MFA key');
  const secret = new Secret({ size: 20 }).base32;
  await dataSource.query(
    `UPDATE users SET mfa_secret = $2, mfa_last_step = NULL,
            mfa_enabled_at = CASE WHEN $3::boolean THEN now() END
      WHERE id = $1`,
    [userId, encryptSecret(key, userId, secret), options.enabled],
  );
  return secret;
}
