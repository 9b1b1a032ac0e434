import { ROLES, type Role } from '@stegvis/contracts';
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsIP,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  validateSync,
} from 'class-validator';

/** The release, reported by /api/health. */
export const VERSION = '0.1.0';

const toBool = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? ['1', 'true', 'yes', 'on'].includes(value.toLowerCase()) : value;
const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && value.trim() !== '' ? Number(value) : value;

const MFA_ROLES_PATTERN = new RegExp(
  `^\\s*(|(${ROLES.join('|')})(\\s*,\\s*(${ROLES.join('|')}))*)\\s*$`,
);

/**
 * Every setting Stegvis reads, validated once at boot. Nothing else reads process.env.
 * The README configuration table mirrors this class.
 */
export class AppConfig {
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  /** The address to listen on: 0.0.0.0 (every interface) or e.g. 127.0.0.1 behind a local proxy. */
  @IsIP(undefined, { message: 'HOST must be an IP address such as 0.0.0.0 or 127.0.0.1' })
  HOST = '0.0.0.0';

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL?: string;

  @IsString()
  DATA_DIR = './data';

  @Transform(toBool)
  @IsBoolean()
  DEMO = false;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** Comma-separated origins allowed by CORS; empty = CORS off. */
  @IsString()
  CORS_ORIGINS = '';

  /** Send cookies with the Secure flag (set true behind HTTPS). */
  @Transform(toBool)
  @IsBoolean()
  COOKIE_SECURE = false;

  /** Trust X-Forwarded-For from a reverse proxy (for client IPs in the audit log and throttling). */
  @Transform(toBool)
  @IsBoolean()
  TRUST_PROXY = false;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(24 * 60)
  SESSION_IDLE_MINUTES = 30;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(7 * 24)
  SESSION_ABSOLUTE_HOURS = 12;

  /** Failed logins per account (or per IP × 4) before a lockout. */
  @Transform(toInt)
  @IsInt()
  @Min(3)
  @Max(100)
  LOGIN_MAX_FAILURES = 5;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(24 * 60)
  LOGIN_LOCKOUT_MINUTES = 15;

  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(50 * 1024 * 1024)
  BODY_LIMIT_BYTES = 1024 * 1024;

  /** Folder of the built Angular app; empty = do not serve the web app. */
  @IsString()
  STATIC_DIR = '';

  /** Months after exit after which the retention job erases a participant's identifying data. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1200)
  RETENTION_MONTHS = 36;

  /** Size of the database connection pool. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  DB_POOL_SIZE = 10;

  /**
   * The key that encrypts the TOTP secrets of multi-factor authentication (AES-256-GCM, key
   * derived with HKDF-SHA-256), at least 32 characters, e.g. `openssl rand -base64 32`. Empty:
   * the embedded mode keeps a generated key in DATA_DIR/mfa.key; with DATABASE_URL, MFA cannot
   * be enrolled until it is set (and the start fails if MFA is on for someone without it).
   */
  @IsString()
  @Matches(/^(|[\s\S]{32,})$/, { message: 'MFA_ENCRYPTION_KEY must be at least 32 characters' })
  MFA_ENCRYPTION_KEY = '';

  /** Comma-separated roles that must use MFA: until they enrol, only the account page works. */
  @IsString()
  @Matches(MFA_ROLES_PATTERN, {
    message: `MFA_REQUIRED_ROLES must be a comma-separated list of ${ROLES.join(', ')}`,
  })
  MFA_REQUIRED_ROLES = '';
}

/** The roles MFA_REQUIRED_ROLES names. */
export function mfaRequiredRoles(config: AppConfig): Role[] {
  return config.MFA_REQUIRED_ROLES.split(',')
    .map((r) => r.trim())
    .filter((r): r is Role => (ROLES as readonly string[]).includes(r));
}

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const known = Object.keys(new AppConfig());
  const raw: Record<string, string> = {};
  for (const key of [...known, 'DATABASE_URL']) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const config = plainToInstance(AppConfig, raw);
  const errors = validateSync(config, { whitelist: true });
  if (errors.length > 0) {
    const lines = errors.map(
      (e) =>
        `  ${e.property}=${JSON.stringify(e.value)}: ${Object.values(e.constraints ?? {}).join('; ')}`,
    );
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return config;
}
