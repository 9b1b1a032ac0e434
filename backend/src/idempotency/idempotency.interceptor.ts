import {
  CallHandler,
  ConflictException,
  ExecutionContext,
  HttpException,
  Injectable,
  NestInterceptor,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { createHash } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import { catchError, from, mergeMap, Observable, of, throwError } from 'rxjs';
import { DataSource } from 'typeorm';
import type { StegvisRequest } from '../access/caller';
import { FieldValidationException } from '../common/validation';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const REPLAYED_HEADER = 'Idempotent-Replayed';
const TTL_HOURS = 24;
/** How long a duplicate waits for the first request to finish before it gets 409. */
const WAIT_MS = 5000;
const POLL_MS = 50;

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
  constructor(private readonly dataSource: DataSource) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const request = context.switchToHttp().getRequest<StegvisRequest>();
    const header = request.headers[IDEMPOTENCY_HEADER];
    if (request.method !== 'POST' || header === undefined) return next.handle();
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
       RETURNING key`,
      [userId, key, path, bodyHash, TTL_HOURS],
    )) as unknown[];

    if (reserved.length === 0) {
      const stored = await this.completed(userId, key, path, bodyHash);
      const reply = context.switchToHttp().getResponse<FastifyReply>();
      void reply.header(REPLAYED_HEADER, 'true');
      // The route's own status code (@HttpCode or 201) applies again: only 2xx are stored.
      return of(stored.response_body ?? undefined);
    }

    return next.handle().pipe(
      mergeMap((body: unknown) =>
        from(
          this.dataSource
            .query(
              `UPDATE idempotency_keys
               SET status_code = $3, response_body = $4::jsonb, completed_at = now()
               WHERE user_id = $1 AND key = $2`,
              [userId, key, statusOf(context), JSON.stringify(body ?? null)],
            )
            .then(() => body),
        ),
      ),
      catchError((error: unknown) =>
        from(
          this.dataSource.query(`DELETE FROM idempotency_keys WHERE user_id = $1 AND key = $2`, [
            userId,
            key,
          ]),
        ).pipe(mergeMap(() => throwError(() => error))),
      ),
    );
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
