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
  ValidateBy,
} from 'class-validator';
import { isIP } from 'node:net';

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

  /**
   * A streaming read replica (hot standby) of DATABASE_URL: reports and exports read their facts
   * there; everything they write (audit rows, rate-limit slots, fixed reports) stays on the
   * primary. Unset = everything on the primary. Needs DATABASE_URL (the embedded database has no
   * replicas).
   */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_REPLICA_URL must be a postgres:// URL' })
  DATABASE_REPLICA_URL?: string;

  @IsString()
  DATA_DIR = './data';

  @Transform(toBool)
  @IsBoolean()
  DEMO = false;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /**
   * `json`: one JSON object per line (production, log shippers); `pretty`: readable lines from
   * pino-pretty (`npm run dev`, and `npm start` at a terminal).
   */
  @IsIn(['json', 'pretty'], { message: 'LOG_FORMAT must be json or pretty' })
  LOG_FORMAT: 'json' | 'pretty' = 'json';

  /** Comma-separated origins allowed by CORS; empty = CORS off. */
  @IsString()
  CORS_ORIGINS = '';

  /**
   * Compress API answers above COMPRESS_MIN_BYTES (brotli or gzip, as the client accepts); turn
   * it off when a proxy in front compresses instead.
   */
  @Transform(toBool)
  @IsBoolean()
  COMPRESSION = true;

  /** Answers smaller than this are sent as they are: below about one packet nothing is gained. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(1024 * 1024)
  COMPRESS_MIN_BYTES = 1400;

  /** Send cookies with the Secure flag (set true behind HTTPS). */
  @Transform(toBool)
  @IsBoolean()
  COOKIE_SECURE = false;

  /**
   * The address users reach the app at, e.g. https://stegvis.example.se; empty = not given. An
   * https address (like COOKIE_SECURE=true) says the app is served over HTTPS: only then are HSTS
   * and the CSP's upgrade-insecure-requests sent.
   */
  @IsString()
  @Matches(/^(|https?:\/\/[^\s/?#]+(\/\S*)?)$/i, {
    message: 'PUBLIC_URL must be an http:// or https:// URL such as https://stegvis.example.se',
  })
  PUBLIC_URL = '';

  /**
   * Which reverse proxies to believe about the client's address (X-Forwarded-For), for the audit
   * log and login throttling: empty = none (the connection's own address); a number = that many
   * proxy hops in front of the app (only when it cannot be reached but through them); or a
   * comma-separated list of proxy addresses and CIDR ranges (`loopback`, `linklocal` and
   * `uniquelocal` name the usual private ranges). `true` (trust every hop) is refused.
   */
  @IsString()
  @ValidateBy({
    name: 'trustProxy',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && parseTrustProxy(value) !== null,
      defaultMessage: (args) =>
        String(args?.value).trim().toLowerCase() === 'true'
          ? 'TRUST_PROXY=true would let any client choose its own address; give the number of proxies in front of Stegvis (e.g. 1) or their addresses (e.g. 10.0.0.5 or 10.0.0.0/24)'
          : 'TRUST_PROXY must be empty, a number of proxy hops (e.g. 1) or a comma-separated list of proxy addresses or CIDR ranges',
    },
  })
  TRUST_PROXY = '';

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

  /**
   * How long a re-authentication (POST /api/auth/reauth) lasts: an admin's changes of roles,
   * programme memberships or passwords need one within this many minutes.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(60)
  REAUTH_MINUTES = 5;

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

  /**
   * Days a supervisor keeps access to a participant after their placement at the supervisor's
   * enterprise ended (for the last follow-up); then the participant, placement, follow-ups and
   * timeline answer 404 to them.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(365)
  SUPERVISOR_GRACE_DAYS = 14;

  /**
   * Days after a report period's end from which its report is fixed: decided once on its first
   * reading, stored and served unchanged (docs/reports.md "The period"). Until then late entries
   * still change it.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(365)
  REPORT_FINAL_AFTER_DAYS = 30;

  /** Size of the database connection pool. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  DB_POOL_SIZE = 10;

  /**
   * On SIGTERM or SIGINT, how long requests in flight may take to finish before the process
   * exits anyway (with code 1, the embedded database left to recover at the next start).
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(600)
  SHUTDOWN_TIMEOUT_SECONDS = 20;

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

/**
 * Whether the app is configured to be reached over HTTPS. Over plain HTTP, HSTS and
 * upgrade-insecure-requests would make browsers fetch every asset over https and fail.
 */
export function servedOverHttps(config: AppConfig): boolean {
  return config.COOKIE_SECURE || /^https:\/\//i.test(config.PUBLIC_URL);
}

/** The roles MFA_REQUIRED_ROLES names. */
export function mfaRequiredRoles(config: AppConfig): Role[] {
  return config.MFA_REQUIRED_ROLES.split(',')
    .map((r) => r.trim())
    .filter((r): r is Role => (ROLES as readonly string[]).includes(r));
}

const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** TRUST_PROXY as Fastify takes it: false, a hop count, or proxy addresses; null = invalid. */
export function parseTrustProxy(value: string): false | number | string[] | null {
  const text = value.trim();
  if (text === '' || text.toLowerCase() === 'false' || text === '0') return false;
  if (/^[0-9]+$/.test(text)) {
    const hops = Number(text);
    return hops <= 10 ? hops : null;
  }
  const entries = text.split(',').map((entry) => entry.trim());
  return entries.every(isProxyAddress) ? entries : null;
}

function isProxyAddress(entry: string): boolean {
  if (NAMED_RANGES.has(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^[0-9]{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/** Which proxies to believe about the client's address (validated at boot). */
export function trustProxyOf(config: AppConfig): false | number | string[] {
  return parseTrustProxy(config.TRUST_PROXY) ?? false;
}

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const known = Object.keys(new AppConfig());
  const raw: Record<string, string> = {};
  for (const key of [...known, 'DATABASE_URL', 'DATABASE_REPLICA_URL']) {
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
  // Refused rather than ignored: a replica set without a primary is a deployment mistake, and
  // running on the embedded database instead would hide it.
  if (config.DATABASE_REPLICA_URL && !config.DATABASE_URL) {
    throw new ConfigError(
      'Invalid configuration:\n  DATABASE_REPLICA_URL is set but DATABASE_URL is not: a read replica needs a PostgreSQL primary (the embedded database has no replicas)',
    );
  }
  return config;
}
