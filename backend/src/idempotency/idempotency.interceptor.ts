import {
  CallHandler,
  ConflictException,
  ExecutionContext,
  HttpException,
  Injectable,
  NestInterceptor,
  SetMetadata,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import { createHash } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import { catchError, from, mergeMap, Observable, of, throwError } from 'rxjs';
import { DataSource } from 'typeorm';
import type { StegvisRequest } from '../access/caller';
import { isDatabaseUnavailable } from '../common/http-exception.filter';
import { FieldValidationException } from '../common/validation';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const REPLAYED_HEADER = 'Idempotent-Replayed';
const TTL_HOURS = 24;
/** How long a duplicate waits for the first request to finish before it gets 409. */
const WAIT_MS = 5000;
const POLL_MS = 50;
/**
 * When the database goes away between the handler and the key's completion or release, this
 * process keeps trying that one statement (1 s, doubling to 15 s, for 10 minutes), so that after a
 * short outage a retry gets the stored response or runs for real instead of 409 for 24 hours.
 */
const SETTLE_FIRST_MS = 1000;
const SETTLE_MAX_MS = 15_000;
const SETTLE_FOR_MS = 10 * 60_000;

export const SKIP_IDEMPOTENCY_KEY = 'stegvis:skip-idempotency';

/**
 * For routes whose response must never be stored (an MFA secret, recovery codes): the header is
 * ignored and the request runs as if it had none.
 */
export const SkipIdempotency = () => SetMetadata(SKIP_IDEMPOTENCY_KEY, true);

interface StoredKey {
  method: string;
  path: string;
  body_hash: string;
  status_code: number | null;
  response_body: unknown;
}

/**
 * `Idempotency-Key` on POST: the first request reserves the key (per user), runs and stores its
 * response; a retry with the same key and body gets that response again with
 * `Idempotent-Replayed: true` instead of doing the work twice. Same key, other body or route →
 * 422; a duplicate that arrives while the first still runs waits for it, then 409. A request that
 * fails releases its key, so the retry runs for real. Keys expire after 24 hours.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reflector: Reflector,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const request = context.switchToHttp().getRequest<StegvisRequest>();
    const header = request.headers[IDEMPOTENCY_HEADER];
    if (request.method !== 'POST' || header === undefined) return next.handle();
    if (this.reflector.get<boolean>(SKIP_IDEMPOTENCY_KEY, context.getHandler())) {
      return next.handle();
    }
    const key = Array.isArray(header) ? header.join(',') : header;
    if (key.length < 1 || key.length > 200) {
      throw new FieldValidationException({
        'Idempotency-Key': ['Idempotency-Key must be 1 to 200 characters.'],
      });
    }
    // Public routes (login) have no user to keep keys for.
    const userId = request.caller?.userId;
    if (!userId) return next.handle();
    const path = request.url;
    const bodyHash = createHash('sha256')
      .update(canonicalJson(request.body ?? null))
      .digest('hex');

    await this.dataSource.query(
      `DELETE FROM idempotency_keys WHERE user_id = $1 AND expires_at <= now()`,
      [userId],
    );
    const reserved = (await this.dataSource.query(
      `INSERT INTO idempotency_keys (user_id, key, method, path, body_hash, expires_at)
       VALUES ($1, $2, 'POST', $3, $4, now() + make_interval(hours => $5))
       ON CONFLICT (user_id, key) DO NOTHING
       RETURNING created_at::text AS reserved_at`,
      [userId, key, path, bodyHash, TTL_HOURS],
    )) as unknown[];

    if (reserved.length === 0) {
      const stored = await this.completed(userId, key, path, bodyHash);
      const reply = context.switchToHttp().getResponse<FastifyReply>();
      void reply.header(REPLAYED_HEADER, 'true');
      // The route's own status code (@HttpCode or 201) applies again: only 2xx are stored.
      return of(stored.response_body ?? undefined);
    }

    const reservedAt = (reserved[0] as { reserved_at: string }).reserved_at;
    return next.handle().pipe(
      // The handler failed (its transaction rolled back): release the key, so the retry runs for
      // real. Only this reservation, in case the release is retried after the outage.
      catchError((error: unknown) =>
        from(
          this.settle(
            `DELETE FROM idempotency_keys
             WHERE user_id = $1 AND key = $2 AND created_at = $3::timestamptz AND status_code IS NULL`,
            [userId, key, reservedAt],
          ),
        ).pipe(mergeMap(() => throwError(() => error))),
      ),
      // The work is done: store its response. If that fails, the key is not released (the write
      // is there); the completion is retried, and a retry of the request then replays it.
      mergeMap((body: unknown) =>
        from(
          this.settle(
            `UPDATE idempotency_keys
             SET status_code = $3, response_body = $4::jsonb, completed_at = now()
             WHERE user_id = $1 AND key = $2`,
            [userId, key, statusOf(context), JSON.stringify(body ?? null)],
          ).then(() => body),
        ),
      ),
    );
  }

  /** Runs a statement; if the database is unreachable, keeps retrying it in the background. */
  private async settle(sql: string, params: unknown[]): Promise<void> {
    try {
      await this.dataSource.query(sql, params);
    } catch (error) {
      if (isDatabaseUnavailable(error)) this.retryLater(sql, params, SETTLE_FIRST_MS, Date.now());
      throw error;
    }
  }

  private retryLater(sql: string, params: unknown[], delay: number, since: number): void {
    if (Date.now() - since > SETTLE_FOR_MS) return;
    setTimeout(() => {
      this.dataSource.query(sql, params).catch((error: unknown) => {
        if (isDatabaseUnavailable(error)) {
          this.retryLater(sql, params, Math.min(delay * 2, SETTLE_MAX_MS), since);
        }
      });
    }, delay).unref();
  }

  /** The stored response for a retry; waits a little for a first request still running. */
  private async completed(
    userId: string,
    key: string,
    path: string,
    bodyHash: string,
  ): Promise<StoredKey> {
    for (let waited = 0; ; waited += POLL_MS) {
      const [stored] = (await this.dataSource.query(
        `SELECT method, path, body_hash, status_code, response_body FROM idempotency_keys
         WHERE user_id = $1 AND key = $2`,
        [userId, key],
      )) as StoredKey[];
      if (!stored) {
        // The first request failed and released the key meanwhile: this one may retry it.
        throw new ConflictException(
          'The first request with this Idempotency-Key failed. Send the request again.',
        );
      }
      if (stored.method !== 'POST' || stored.path !== path || stored.body_hash !== bodyHash) {
        throw new HttpException(
          'This Idempotency-Key was used for a different request. Use a new key for a new request.',
          422,
        );
      }
      if (stored.status_code !== null) return stored;
      if (waited >= WAIT_MS) {
        throw new HttpException(
          {
            message: 'A request with this Idempotency-Key is still in progress. Retry later.',
            headers: { 'Retry-After': '1' },
          },
          409,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }
}

/** The status Nest will send for a successful POST: the route's @HttpCode, else 201. */
function statusOf(context: ExecutionContext): number {
  const code: unknown = Reflect.getMetadata(HTTP_CODE_METADATA, context.getHandler());
  return typeof code === 'number' ? code : 201;
}

/** JSON with object keys sorted, so the same body always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
