import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { LoginResponse, Role } from '@stegvis/contracts';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app.factory';
import { loadConfig } from '../../src/config/app-config';

/** The key every test app encrypts TOTP secrets with (all test files share one database). */
export const TEST_MFA_ENCRYPTION_KEY = 'test-only mfa key, never use in production!';

export interface TestApp {
  app: NestFastifyApplication;
  baseUrl: string;
  dataSource: DataSource;
  close(): Promise<void>;
}

/**
 * The real application on a real port, on the database the global setup prepared. Each test file
 * gets its own instance; clients send their own X-Forwarded-For so login throttling per IP stays
 * per test.
 */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const config = loadConfig({
    DATABASE_URL: process.env['DATABASE_URL'],
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    // The test client plays the one proxy in front of the app: its X-Forwarded-For is the address.
    TRUST_PROXY: '1',
    DB_POOL_SIZE: '4',
    // With DATABASE_URL set, MFA enrolment needs a configured key (README, Configuration).
    MFA_ENCRYPTION_KEY: TEST_MFA_ENCRYPTION_KEY,
    ...env,
  });
  const app = await createApp(config, config.DATABASE_URL as string);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address() as { port: number };
  return {
    app,
    baseUrl: `http://127.0.0.1:${address.port}`,
    dataSource: app.get(DataSource),
    close: () => app.close(),
  };
}

export interface Reply<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export interface RequestOptions {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
  ip?: string;
}

export class Client {
  /** A made-up client address per client, sent as X-Forwarded-For. */
  readonly ip = `10.${rand()}.${rand()}.${rand()}`;

  constructor(private readonly baseUrl: string) {}

  async request<T = unknown>(
    method: string,
    path: string,
    options: RequestOptions = {},
  ): Promise<Reply<T>> {
    // A Buffer is sent as it is (a file upload, CSV unless the headers say otherwise).
    const raw = options.body instanceof Uint8Array;
    const headers: Record<string, string> = {
      'x-forwarded-for': options.ip ?? this.ip,
      ...(options.body !== undefined && { 'content-type': raw ? 'text/csv' : 'application/json' }),
      ...(options.token && { authorization: `Bearer ${options.token}` }),
      ...options.headers,
    };
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body:
        options.body === undefined
          ? undefined
          : raw
            ? (options.body as Uint8Array)
            : JSON.stringify(options.body),
    });
    const text = await response.text();
    let body: unknown = text;
    if ((response.headers.get('content-type') ?? '').includes('json') && text)
      body = JSON.parse(text);
    return { status: response.status, body: body as T, headers: response.headers };
  }

  async login(email: string, password: string): Promise<Reply<LoginResponse>> {
    return this.request<LoginResponse>('POST', '/api/auth/login', { body: { email, password } });
  }
}

function rand(): number {
  return Math.floor(Math.random() * 250) + 1;
}

export function uniqueEmail(role: Role | string): string {
  return `${role}-${randomUUID().slice(0, 8)}@test.stegvis.se`;
}
