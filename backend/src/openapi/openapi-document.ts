import { RequestMethod, type Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer, type NestApplication } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type {
  OpenAPIObject,
  OperationObject,
  ParameterObject,
  PathItemObject,
  ReferenceObject,
  ResponseObject,
  SchemaObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { getMetadataStorage, ValidationTypes } from 'class-validator';
import { PUBLIC_KEY } from '../access/decorators';
import { REASONS } from '../common/http-exception.filter';
import { IF_MATCH_KEY, type IfMatchOptions } from '../common/if-match';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { AppConfig, VERSION } from '../config/app-config';
import { SKIP_IDEMPOTENCY_KEY } from '../idempotency/idempotency.interceptor';
import { SESSION_COOKIE } from '../modules/auth/session.service';
import contract from './contract-schemas.json';
import { API_ERRORS_KEY, API_ETAG_KEY, type DeclaredErrorStatus } from './openapi.decorators';

/** What the document needs to know about a route, read from its decorators at start-up. */
export interface RouteFacts {
  method: RequestMethod;
  isPublic: boolean;
  /** POST routes of a signed-in user take Idempotency-Key (idempotency.interceptor.ts). */
  idempotent: boolean;
  ifMatch: IfMatchOptions | null;
  etag: boolean;
  declaredErrors: DeclaredErrorStatus[];
  /** Path parameters checked by UuidParamPipe (a malformed id is a 404). */
  uuidParams: Set<string>;
  /** Media types of a success that is (or can be) a file, from @ApiProduces. */
  produces: string[];
  /** Media types of a body that is a file (the participant import), from @ApiConsumes. */
  consumes: string[];
  /** The class of the route's `@Query()` object, whose validators say what each parameter takes. */
  query: Type | null;
}

const CSRF_HEADER = 'X-XSRF-TOKEN';
const UNSAFE = new Set<RequestMethod>([
  RequestMethod.POST,
  RequestMethod.PUT,
  RequestMethod.PATCH,
  RequestMethod.DELETE,
]);
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

const TAG_DESCRIPTIONS: Record<string, string> = {
  auth: 'Logging in and out, the signed-in user, two-step verification',
  users: 'User accounts (admin)',
  programmes: 'Programmes and their coaches',
  enterprises: 'Enterprises that host placements, their supervisors and capacity',
  participants: 'Participants and their records',
  'participant-imports': 'Registering participants from a spreadsheet',
  'action plans': "A participant's action plan and its revisions",
  'coaching sessions': 'Individual and group coaching sessions with attendance',
  'group series': 'Group series (courses, workshops) with enrolment and meetings',
  placements: 'Placements at enterprises and their follow-ups',
  'check-ins': 'Step-progression check-ins and instruments',
  timeline: 'Everything that happened to a participant, newest first',
  'enterprise side': 'Entrepreneur contacts, advice, agreements and enterprises started',
  reports: "Funders' reports and anonymised exports (JSON, CSV, XLSX)",
  audit: 'The audit log (loggkontroll) and log extracts',
  health: 'Liveness and database reachability',
};

/** The shared error responses: every 4xx answers the ApiError body (libs/contracts). */
const ERROR_RESPONSES: Record<number, { name: string; description: string; message: string }> = {
  400: {
    name: 'BadRequest',
    description: 'Invalid input: `fields` names each field with its messages',
    message: 'Check the fields.',
  },
  401: {
    name: 'Unauthorized',
    description: 'No valid session or token (or, on login, wrong credentials)',
    message: 'Log in to continue.',
  },
  403: {
    name: 'Forbidden',
    description:
      'The role may not do this, a browser request from another site, a missing CSRF header, or a step the account must take first (`code`)',
    message: 'Your role does not allow this action.',
  },
  404: {
    name: 'NotFound',
    description: 'No such record, or one the caller may not see (the same answer)',
    message: 'Not found.',
  },
  409: {
    name: 'Conflict',
    description:
      'The record changed since it was read (stale If-Match: `current` holds it as it is now), its state does not allow this, or a request with the same Idempotency-Key is still running',
    message: 'The record was changed by someone else.',
  },
  413: {
    name: 'PayloadTooLarge',
    description: 'The body is larger than BODY_LIMIT_BYTES',
    message: 'Request body is too large',
  },
  415: {
    name: 'UnsupportedMediaType',
    description: 'A body that is not application/json (or, on imports, not CSV or XLSX)',
    message: 'Unsupported Media Type',
  },
  422: {
    name: 'UnprocessableContent',
    description: 'This Idempotency-Key was used for another request (route or body)',
    message: 'This Idempotency-Key was used for a different request.',
  },
  428: {
    name: 'PreconditionRequired',
    description: 'If-Match is missing: send the ETag of the GET (0 for a record never saved)',
    message: 'Send the version you edited as If-Match.',
  },
  429: {
    name: 'TooManyRequests',
    description: 'Too many attempts or downloads: wait `Retry-After` seconds',
    message: 'Too many attempts. Try again later.',
  },
  503: {
    name: 'ServiceUnavailable',
    description: 'The database does not answer',
    message: 'The service is unavailable. Try again shortly.',
  },
};

/**
 * Which errors a route can give, from what it is: one rule per status, in one place. A route adds
 * what its own logic can refuse with @ApiErrors (a state conflict, a rate limit).
 */
export function errorStatuses(facts: RouteFacts, op: OperationObject): number[] {
  const hasBody = op.requestBody !== undefined;
  const params = (op.parameters ?? []) as ParameterObject[];
  const statuses = new Set<number>(facts.declaredErrors);
  // Validation: a body, a query or a header the route reads.
  if (hasBody || params.some((p) => p.in === 'query' || p.in === 'header') || facts.idempotent)
    statuses.add(400);
  if (!facts.isPublic) statuses.add(401).add(403);
  // Unsafe requests from another site are refused before routing (request-checks.ts).
  if (UNSAFE.has(facts.method)) statuses.add(403);
  if (params.some((p) => p.in === 'path')) statuses.add(404);
  if (facts.ifMatch) statuses.add(409);
  if (facts.ifMatch?.required) statuses.add(428);
  if (facts.idempotent) statuses.add(409).add(422);
  if (hasBody) statuses.add(413).add(415);
  return [...statuses].sort((a, b) => a - b);
}

/** Every controller route's facts by operationId (each route declares one, see the contract test). */
export function routeFacts(app: INestApplication): Map<string, RouteFacts> {
  const facts = new Map<string, RouteFacts>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type | null;
      if (!controller) continue;
      const prototype = controller.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        if (Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
        const operation = Reflect.getMetadata('swagger/apiOperation', handler) as
          { operationId?: string } | undefined;
        const operationId = operation?.operationId;
        if (!operationId) throw new Error(`${controller.name}.${name} has no operationId`);
        const of = <T>(key: string): T | undefined =>
          (Reflect.getMetadata(key, handler) ?? Reflect.getMetadata(key, controller)) as T;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod;
        const isPublic = of<boolean>(PUBLIC_KEY) === true;
        const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) ?? {}) as Record<
          string,
          { index?: number; data?: unknown; pipes?: unknown[] }
        >;
        const types = (Reflect.getMetadata('design:paramtypes', prototype, name) ??
          []) as unknown[];
        let query: Type | null = null;
        const uuidParams = new Set<string>();
        for (const [key, arg] of Object.entries(args)) {
          const type = types[arg.index ?? -1];
          if (key.startsWith(`${RouteParamtypes.QUERY}:`) && arg.data === undefined)
            query = typeof type === 'function' ? (type as Type) : null;
          if (!key.startsWith(`${RouteParamtypes.PARAM}:`) || typeof arg.data !== 'string')
            continue;
          if (arg.pipes?.some((pipe) => pipe === UuidParamPipe || pipe instanceof UuidParamPipe))
            uuidParams.add(arg.data);
        }
        facts.set(operationId, {
          method,
          isPublic,
          idempotent:
            method === RequestMethod.POST &&
            !isPublic &&
            of<boolean>(SKIP_IDEMPOTENCY_KEY) !== true,
          ifMatch:
            (Reflect.getMetadata(IF_MATCH_KEY, prototype, name) as IfMatchOptions | undefined) ??
            null,
          etag: of<boolean>(API_ETAG_KEY) === true,
          declaredErrors: of<DeclaredErrorStatus[]>(API_ERRORS_KEY) ?? [],
          uuidParams,
          produces: of<string[]>('swagger/apiProduces') ?? [],
          consumes: of<string[]>('swagger/apiConsumes') ?? [],
          query,
        });
      }
    }
  }
  return facts;
}

const ref = (kind: 'schemas' | 'responses', name: string): ReferenceObject => ({
  $ref: `#/components/${kind}/${name}`,
});

/** The served document: Nest's scan of the routes, completed from the route facts and libs/contracts. */
export function buildOpenApiDocument(app: NestApplication | INestApplication, config: AppConfig) {
  // Without PUBLIC_URL: `/`, the server that serves this document.
  const server = config.PUBLIC_URL ? new URL(config.PUBLIC_URL).origin : '/';
  const scanned = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setOpenAPIVersion('3.1.0')
      .setTitle('Stegvis API')
      .setDescription(
        [
          'Case management for work-integration programmes.',
          '',
          'Authenticate with `POST /api/auth/login` and send the `accessToken` as',
          '`Authorization: Bearer <token>`. The browser app uses the httpOnly session cookie set by',
          'the same call instead, and sends the `XSRF-TOKEN` cookie back as the `X-XSRF-TOKEN`',
          'header on every POST, PUT, PATCH and DELETE.',
          '',
          'Every error answers the `ApiError` body. POST routes take an optional `Idempotency-Key`;',
          'routes with optimistic locking take `If-Match` (the version, as the `ETag` of the read).',
        ].join('\n'),
      )
      .setVersion(VERSION)
      .setLicense('AGPL-3.0-or-later', 'https://www.gnu.org/licenses/agpl-3.0.html')
      .addServer(
        server,
        config.PUBLIC_URL ? 'This installation (PUBLIC_URL)' : 'The server of this document',
      )
      .build(),
  );
  return completeDocument(scanned, routeFacts(app));
}

export function completeDocument(
  document: OpenAPIObject,
  facts: Map<string, RouteFacts>,
): OpenAPIObject {
  const components = document.components ?? {};
  const schemas = { ...(components.schemas ?? {}) };
  for (const target of validatedClasses()) {
    const schema = schemas[target.name];
    if (schema && !('$ref' in schema)) refineSchema(schema, validationRules(target));
  }
  for (const [name, schema] of Object.entries(contract.schemas)) {
    if (schemas[name]) throw new Error(`Schema ${name} is both a DTO and a contract type`);
    schemas[name] = schema as SchemaObject;
  }
  document.components = {
    ...components,
    schemas,
    securitySchemes: {
      bearer: {
        type: 'http',
        scheme: 'bearer',
        description: 'The `accessToken` of POST /api/auth/login',
      },
      session: {
        type: 'apiKey',
        in: 'cookie',
        name: SESSION_COOKIE,
        description: 'The httpOnly session cookie POST /api/auth/login sets (the browser app)',
      },
      csrf: {
        type: 'apiKey',
        in: 'header',
        name: CSRF_HEADER,
        description:
          'With the session cookie, on POST, PUT, PATCH and DELETE: the value of the XSRF-TOKEN cookie',
      },
    },
    responses: Object.fromEntries(
      Object.entries(ERROR_RESPONSES).map(([status, error]) => [
        error.name,
        errorResponse(Number(status), error.description, error.message),
      ]),
    ),
  };

  const tags = new Set<string>();
  for (const item of Object.values(document.paths) as PathItemObject[]) {
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!op) continue;
      const route = facts.get(op.operationId ?? '');
      if (!route) throw new Error(`No route facts for ${op.operationId ?? method}`);
      completeOperation(op, route);
      for (const tag of op.tags ?? []) tags.add(tag);
    }
  }
  document.tags = [...tags].sort().map((name) => ({
    name,
    ...(TAG_DESCRIPTIONS[name] && { description: TAG_DESCRIPTIONS[name] }),
  }));
  // The same document with its nullables in 3.1's form: the shape is unchanged.
  return toOpenApi31(document) as unknown as OpenAPIObject;
}

function completeOperation(op: OperationObject, route: RouteFacts): void {
  const operationId = op.operationId as string;
  const responseSchemas = contract.responses as Record<string, SchemaObject | undefined>;

  op.security = route.isPublic
    ? []
    : UNSAFE.has(route.method)
      ? [{ bearer: [] }, { session: [], csrf: [] }]
      : [{ bearer: [] }, { session: [] }];

  const params = (op.parameters ?? []) as ParameterObject[];
  const queryRules = route.query ? validationRules(route.query) : new Map<string, PropertyRule>();
  for (const param of params) {
    const rule = queryRules.get(param.name);
    if (param.in === 'query' && rule) {
      param.required = !rule.optional;
      if (param.schema && !('$ref' in param.schema)) refineProperty(param.schema, rule);
    }
    if (param.in === 'path' && route.uuidParams.has(param.name))
      param.schema = { type: 'string', format: 'uuid' };
    if (param.in === 'path' && param.name === 'version')
      param.schema = { type: 'integer', minimum: 1 };
  }
  if (route.ifMatch) {
    params.push({
      name: 'If-Match',
      in: 'header',
      required: route.ifMatch.required,
      description: route.ifMatch.required
        ? 'The version you edited: the `ETag` of the read (`0` for a record never saved). Missing: 428; stale: 409 with the record in `current`.'
        : 'The version you edited (the `version` of the record you read). Stale: 409 with the record in `current`.',
      schema: { type: 'string', pattern: '^"?[0-9]{1,9}"?$' },
      example: '"3"',
    });
  }
  if (route.idempotent) {
    params.push({
      name: 'Idempotency-Key',
      in: 'header',
      required: false,
      description:
        'Any unique string (a UUID): a retry with the same key and body gets the first response again, with `Idempotent-Replayed: true`, instead of doing the work twice. Keys are kept 24 hours.',
      schema: { type: 'string', minLength: 1, maxLength: 200 },
      example: '6f1c2d4e-8a1b-4c3d-9e7f-0a1b2c3d4e5f',
    });
  }
  if (params.length > 0) op.parameters = params;
  else delete op.parameters;
  // A route that reads a file from the raw body has no DTO for the plugin to describe.
  if (!op.requestBody && route.consumes.length > 0) {
    op.requestBody = {
      required: true,
      content: Object.fromEntries(
        route.consumes.map((type) => [type, { schema: { type: 'string', format: 'binary' } }]),
      ),
    };
  }

  // The success response: the return type's schema (libs/contracts), files by @ApiProduces.
  const responses = op.responses as Record<string, ResponseObject | ReferenceObject>;
  const success = Object.keys(responses).find((status) => /^2\d\d$/.test(status));
  if (success) {
    const response = responses[success] as ResponseObject;
    const json = responseSchemas[operationId];
    const content: Record<string, { schema: SchemaObject | ReferenceObject }> = {};
    if (json) content['application/json'] = { schema: json };
    for (const type of route.produces) {
      if (type === 'application/json') continue;
      content[type] = {
        schema: type.startsWith('text/')
          ? { type: 'string' }
          : { type: 'string', format: 'binary' },
      };
    }
    const headers: Record<string, { description: string; schema: SchemaObject }> = {};
    if (route.etag)
      headers['ETag'] = {
        description: 'The version of the record, to send back as If-Match',
        schema: { type: 'string', example: '"3"' },
      };
    if (route.idempotent)
      headers['Idempotent-Replayed'] = {
        description: '`true` when this is the stored response of an earlier request with the key',
        schema: { type: 'string', enum: ['true'] },
      };
    responses[success] = {
      description: response.description || (success === '201' ? 'Created' : 'OK'),
      ...(Object.keys(headers).length > 0 && { headers }),
      ...(Object.keys(content).length > 0 && { content }),
    };
  }
  for (const status of errorStatuses(route, op)) {
    const error = ERROR_RESPONSES[status];
    if (error) responses[String(status)] = ref('responses', error.name);
  }
}

function errorResponse(status: number, description: string, message: string): ResponseObject {
  return {
    description,
    ...(status === 429 && {
      headers: {
        'Retry-After': {
          description: 'Seconds to wait',
          schema: { type: 'integer' },
        },
      },
    }),
    content: {
      'application/json': {
        schema: ref('schemas', 'ApiError'),
        example: {
          statusCode: status,
          error: REASONS[status],
          message,
          ...(status === 400 && { fields: { email: ['email must be an email'] } }),
        },
      },
    },
  };
}

/** What a DTO property's class-validator decorators say beyond what the swagger plugin reads. */
interface PropertyRule {
  /** No @IsOptional (or @ValidateIf): undefined fails validation, so the property is required. */
  optional: boolean;
  integer: boolean;
  format: 'date' | 'date-time' | null;
  /** The rules apply to each item of an array (`{ each: true }`). */
  each: boolean;
}

const FORMATS: Record<string, 'date' | 'date-time'> = {
  isDateOnly: 'date',
  isDateTime: 'date-time',
};

/** Every class that has class-validator decorators: the request DTOs. */
function validatedClasses(): Type[] {
  const all: unknown = Reflect.get(getMetadataStorage(), 'validationMetadatas');
  if (!(all instanceof Map)) throw new Error('class-validator keeps its metadata elsewhere now');
  return [...all.keys()].filter((key): key is Type => typeof key === 'function');
}

function validationRules(target: Type): Map<string, PropertyRule> {
  const rules = new Map<string, PropertyRule>();
  for (const meta of getMetadataStorage().getTargetValidationMetadatas(target, '', false, false)) {
    const rule = rules.get(meta.propertyName) ?? {
      optional: false,
      integer: false,
      format: null,
      each: false,
    };
    if (meta.type === ValidationTypes.CONDITIONAL_VALIDATION) rule.optional = true;
    if (meta.name === 'isInt') {
      rule.integer = true;
      rule.each ||= meta.each === true;
    }
    const format = meta.name ? FORMATS[meta.name] : undefined;
    if (format) {
      rule.format = format;
      rule.each ||= meta.each === true;
    }
    rules.set(meta.propertyName, rule);
  }
  return rules;
}

function refineSchema(schema: SchemaObject, rules: Map<string, PropertyRule>): void {
  const properties = schema.properties ?? {};
  const required = new Set(schema.required ?? []);
  for (const [name, rule] of rules) {
    const property = properties[name];
    if (!property) continue;
    if (rule.optional) required.delete(name);
    else required.add(name);
    if (!('$ref' in property)) refineProperty(property, rule);
  }
  if (required.size > 0) schema.required = [...required];
  else delete schema.required;
}

function refineProperty(schema: SchemaObject, rule: PropertyRule): void {
  const target = rule.each && schema.items && !('$ref' in schema.items) ? schema.items : schema;
  // The type may already be 3.1's `['string', 'null']` for a `T | null` property.
  const types: unknown[] = Array.isArray(target.type) ? target.type : [target.type];
  if (rule.integer && types.includes('number')) {
    const integer = types.map((type) => (type === 'number' ? 'integer' : type));
    target.type = (integer.length === 1 ? integer[0] : integer) as SchemaObject['type'];
  }
  if (rule.format && types.includes('string')) target.format = rule.format;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * The scan writes OpenAPI 3.0's `nullable: true` (DTO properties typed `T | null`); in 3.1 a null
 * is a type of its own, as the generated contract schemas already write it.
 */
function toOpenApi31(value: unknown): Json {
  if (Array.isArray(value)) return value.map(toOpenApi31);
  if (value === null || typeof value !== 'object') return value as Json;
  const { nullable, ...rest } = value as Record<string, unknown>;
  const out: { [key: string]: Json } = {};
  for (const [key, v] of Object.entries(rest)) if (v !== undefined) out[key] = toOpenApi31(v);
  if (nullable !== true) return out;
  if (typeof out['type'] === 'string') {
    out['type'] = [out['type'], 'null'];
    if (Array.isArray(out['enum']) && !out['enum'].includes(null)) out['enum'].push(null);
    return out;
  }
  return { anyOf: [out, { type: 'null' }] };
}
