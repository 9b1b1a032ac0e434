import 'reflect-metadata';
import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { FastifyReply } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { resolve } from 'node:path';
import { AppModule } from './app.module';
import { AppConfig, servedOverHttps, trustProxyOf } from './config/app-config';
import { runMigrations } from './database/data-source';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './database/embedded-postgres';
import { closeConnectionsOnShutdown } from './common/close-connections-on-shutdown';
import { HttpExceptionFilter } from './common/http-exception.filter';
import { registerRequestChecks } from './common/request-checks';
import { createValidationPipe } from './common/validation';
import { buildOpenApiDocument } from './openapi/openapi-document';
import {
  IMPORT_BODY_ROUTES,
  registerImportBodyParser,
} from './modules/participant-import/import-body';

export interface RunningDatabase {
  url: string;
  embedded: EmbeddedPostgres | null;
}

/** DATABASE_URL when set, otherwise the embedded PostgreSQL under DATA_DIR. */
export async function openDatabase(config: AppConfig): Promise<RunningDatabase> {
  if (config.DATABASE_URL) return { url: config.DATABASE_URL, embedded: null };
  const embedded = await startEmbeddedPostgres(config.DATA_DIR, config.DB_POOL_SIZE + 4);
  return { url: embedded.url, embedded };
}

export async function migrate(url: string): Promise<string[]> {
  return runMigrations(url);
}

/**
 * TRUST_PROXY for Fastify. A hop count becomes a function: Fastify treats a bare number as "trust
 * nothing" (it cannot check the nearest peer), while a count means the nearest n addresses are the
 * operator's proxies, so the client is the (n+1)th from the end of X-Forwarded-For.
 */
function fastifyTrustProxy(
  config: AppConfig,
): false | string[] | ((a: string, hop: number) => boolean) {
  const trust = trustProxyOf(config);
  return typeof trust === 'number' ? (_address, hop) => hop < trust : trust;
}

/**
 * Brotli (quality 4, the plugin's fast default) or gzip for JSON and CSV answers above
 * COMPRESS_MIN_BYTES (docs/benchmarks.md, "Compression", has what it costs and saves). Static
 * files are compressed once after the build and served as they are. Routes that carry secrets
 * (tokens, TOTP set-up) are never compressed: a compressed secret next to text an attacker
 * controls leaks through the length (BREACH).
 */
async function registerCompression(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRoute', (route) => {
    const url = route.url ?? '';
    const secret = ['/api/auth', '/api/me'].some((p) => url === p || url.startsWith(`${p}/`));
    if (secret) {
      (route as { compress?: false }).compress = false;
    }
  });
  await app.register(fastifyCompress, {
    global: true,
    threshold: config.COMPRESS_MIN_BYTES,
    encodings: ['br', 'gzip'],
    customTypes: /^(application\/(json|problem\+json)|text\/csv)(;|$)/,
  });
}

/** The whole HTTP application, as `npm start` and the integration tests run it. */
/** A file name with Angular's content hash, e.g. chunk-224S64JT.js or styles-7KZAVQY7.css (or its .br/.gz copy). */
const HASHED_ASSET = /-[A-Z0-9]{8}\.(js|css)(\.br|\.gz)?$/;

export async function createApp(
  config: AppConfig,
  databaseUrl: string,
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: fastifyTrustProxy(config),
    genReqId: (req: IncomingMessage) => {
      const id = randomUUID();
      // pino-http picks the same id up from the raw request.
      (req as IncomingMessage & { id?: string }).id = id;
      return id;
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, databaseUrl),
    adapter,
    { bufferLogs: true },
  );
  app.useLogger(app.get(Logger));
  app.setGlobalPrefix('api');
  // No enableShutdownHooks(): main.ts owns SIGTERM/SIGINT (Nest's hooks re-raise the signal,
  // so the process died with 143 before the embedded database was closed).

  const staticDir = config.STATIC_DIR ? resolve(config.STATIC_DIR) : '';
  const serveSpa = staticDir !== '' && existsSync(resolve(staticDir, 'index.html'));

  await app.register(fastifyCookie);
  if (config.COMPRESSION) await registerCompression(app, config);
  // Over plain HTTP these two would send browsers to https for every asset: a blank page.
  const https = servedOverHttps(config);
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Angular Material and ngx-charts set inline style attributes.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: https ? [] : null,
      },
    },
    strictTransportSecurity: https,
    crossOriginEmbedderPolicy: false,
  });
  if (config.CORS_ORIGINS) {
    app.enableCors({
      origin: config.CORS_ORIGINS.split(',').map((o) => o.trim()),
      credentials: true,
    });
  }
  if (serveSpa) {
    await app.register(fastifyStatic, {
      root: staticDir,
      prefix: '/',
      wildcard: false,
      index: ['index.html'],
      // The .br/.gz copies written after the build (scripts/compress-static.mjs), by Accept-Encoding.
      preCompressed: true,
      setHeaders: (reply: FastifyReply, path: string) => {
        // Content-hashed file names (outputHashing "all") never change: cache them for a year.
        // Everything else (index.html, translations) is revalidated with its ETag every time.
        void reply.header(
          'Cache-Control',
          HASHED_ASSET.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
  }
  const fastify = app.getHttpAdapter().getInstance();
  registerImportBodyParser(fastify);
  registerRequestChecks(fastify, config, IMPORT_BODY_ROUTES);
  closeConnectionsOnShutdown(fastify);
  if (https) {
    // Configured for HTTPS, but this request came in plain (straight to the instance, past the
    // proxy, e.g. a health check): HSTS and upgrade-insecure-requests are for the HTTPS origin
    // only. request.protocol is https over TLS or with X-Forwarded-Proto from a TRUST_PROXY proxy.
    fastify.addHook('onSend', async (request, reply, payload) => {
      if (request.protocol !== 'https') {
        void reply.removeHeader('Strict-Transport-Security');
        const csp = reply.getHeader('Content-Security-Policy');
        if (typeof csp === 'string') {
          void reply.header(
            'Content-Security-Policy',
            csp
              .split(';')
              .filter((directive) => directive.trim() !== 'upgrade-insecure-requests')
              .join(';'),
          );
        }
      }
      return payload;
    });
  }
  fastify.addHook('onSend', async (request, reply, payload) => {
    if (request.url.startsWith('/api')) {
      void reply.header('Cache-Control', 'no-store');
      void reply.header('X-Request-Id', String(request.id));
    }
    return payload;
  });

  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpExceptionFilter(serveSpa));

  const document = buildOpenApiDocument(app, config);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs/openapi.json' });
  await app.init();
  await fastify.ready();
  return app;
}
