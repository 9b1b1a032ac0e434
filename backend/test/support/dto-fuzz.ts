import { getMetadataStorage } from 'class-validator';
import fc from 'fast-check';
import type { DataSource } from 'typeorm';
import type { DtoClass } from './routes';

/** What class-validator's metadata says about one property of a request DTO. */
export interface PropertySpec {
  name: string;
  /** @IsOptional(): null and absent skip every check. */
  optional: boolean;
  /** @ValidateIf(…): checked whenever present (true of every condition Stegvis uses). */
  conditional: boolean;
  checks: Set<string>;
  constraints: Map<string, unknown[]>;
}

export function propertySpecs(dto: DtoClass): PropertySpec[] {
  const specs = new Map<string, PropertySpec>();
  for (const meta of getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false)) {
    const spec = specs.get(meta.propertyName) ?? {
      name: meta.propertyName,
      optional: false,
      conditional: false,
      checks: new Set<string>(),
      constraints: new Map<string, unknown[]>(),
    };
    specs.set(meta.propertyName, spec);
    if (meta.type === 'conditionalValidation') {
      if (meta.name === 'isOptional') spec.optional = true;
      else spec.conditional = true;
      continue;
    }
    const check = meta.type === 'nestedValidation' ? 'nested' : (meta.name ?? meta.type);
    spec.checks.add(meta.each ? `${check}:each` : check);
    spec.constraints.set(check, (meta.constraints ?? []) as unknown[]);
  }
  return [...specs.values()];
}

/** Strings that have broken parsers, databases and templates elsewhere. */
export const NASTY_STRINGS = [
  "' OR '1'='1",
  "'; DROP TABLE participants; --",
  '" OR 1=1 --',
  '1; SELECT pg_sleep(0); --',
  "' UNION SELECT password_hash FROM users --",
  '%27%20OR%201%3D1',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '\ufeff\u200b\u202e',
  '🧨🧨🧨',
  'e\u0301\u0301\u0301',
  '%s%s%n',
  '${7*7}{{7*7}}',
  '<script>alert(1)</script>',
  '../../../../etc/passwd',
  '\\',
  'NaN',
  'ＳＥＬＥＣＴ',
  'İı ß',
] as const;

export const nastyString = fc.oneof(
  fc.constantFrom(...NASTY_STRINGS),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc
    .tuple(fc.constantFrom(...NASTY_STRINGS), fc.string({ unit: 'grapheme', maxLength: 20 }))
    .map(([a, b]) => a + b),
);

/** JSON values of every shape, nested a few levels. */
const garbage: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constant({ $ne: null, $gt: '' }),
  fc.constant({ a: { b: [1, { c: [null, { d: '\u0000' }] }] } }),
);

const garbageObject = fc.oneof(
  fc.constant({ $where: '1 == 1' }),
  fc.dictionary(
    fc.string({ minLength: 1, maxLength: 8 }).map((k) => `x_${k}`),
    garbage,
    { minKeys: 1, maxKeys: 3 },
  ),
);

const notAString = fc.oneof(
  fc.integer(),
  // Not ±Infinity: JSON.stringify sends it as null, which a nullable field accepts.
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant([]),
  fc.array(fc.constantFrom(...NASTY_STRINGS), { minLength: 1, maxLength: 3 }),
  garbageObject,
);

const FORMATTED = [
  'isUUID',
  'isDateOnly',
  'isDateTime',
  'isEmail',
  'isPersonnummer',
  'isOrgNumber',
];

/** Values that break at least one of the property's rules, whatever else the body holds. */
export function invalidValue(spec: PropertySpec): fc.Arbitrary<unknown> {
  const { checks, constraints } = spec;
  const has = (name: string) => checks.has(name);
  const options: fc.Arbitrary<unknown>[] = [];
  if (!spec.optional) options.push(fc.constant(null));
  if (has('nested') || has('isObject')) {
    options.push(garbageObject, fc.integer(), fc.constantFrom(...NASTY_STRINGS));
  }
  if (has('isArray')) {
    options.push(fc.integer(), fc.constantFrom(...NASTY_STRINGS), garbageObject);
    if ([...checks].some((c) => c.endsWith(':each'))) {
      options.push(
        fc.array(fc.oneof(garbageObject, fc.constantFrom(...NASTY_STRINGS)), {
          minLength: 1,
          maxLength: 3,
        }),
      );
    }
    const max = constraints.get('arrayMaxSize')?.[0];
    if (typeof max === 'number') {
      options.push(fc.constant(Array.from({ length: max + 1 }, (_, i) => `x${i}`)));
    }
  }
  if (
    has('isString') ||
    has('isIn') ||
    FORMATTED.some(has) ||
    has('minLength') ||
    has('maxLength')
  ) {
    options.push(notAString);
  }
  if (FORMATTED.some(has)) options.push(fc.constantFrom(...NASTY_STRINGS));
  if (has('isIn')) {
    const allowed = (constraints.get('isIn')?.[0] ?? []) as unknown[];
    options.push(nastyString.filter((s) => !allowed.includes(s)));
    options.push(fc.constantFrom(...allowed.map((v) => String(v).toUpperCase() + ' ')));
  }
  const maxLength = constraints.get('maxLength')?.[0];
  if (typeof maxLength === 'number') {
    options.push(
      fc
        .tuple(fc.constantFrom(...NASTY_STRINGS), fc.integer({ min: 1, max: 2000 }))
        .map(([s, extra]) => `${'x'.repeat(maxLength + extra)}${s}`),
    );
  }
  const minLength = constraints.get('minLength')?.[0];
  if (typeof minLength === 'number' && minLength > 0) options.push(fc.constant(''));
  if (has('isInt') || has('isNumber') || has('min') || has('max')) {
    options.push(fc.constantFrom(...NASTY_STRINGS), fc.boolean(), garbageObject, fc.constant([1]));
    const min = constraints.get('min')?.[0];
    const max = constraints.get('max')?.[0];
    if (typeof min === 'number')
      options.push(fc.integer({ min: -1e9, max: min - 1 }), fc.constant(-1e308));
    if (typeof max === 'number')
      options.push(fc.integer({ min: max + 1, max: 1e9 }), fc.constant(1e308));
    if (has('isInt')) options.push(fc.constant(1.5));
  }
  if (has('isBoolean')) options.push(fc.constantFrom('true', 'false', 1, 0, 'yes'), garbageObject);
  if (options.length === 0) options.push(garbageObject);
  return fc.oneof(...options);
}

export type Mutation =
  | { kind: 'set'; property: string; value: unknown }
  | { kind: 'remove'; property: string }
  | { kind: 'unknown'; key: string; value: unknown }
  | { kind: 'nested-unknown'; key: string; value: unknown };

/** Field names an attacker would try to mass-assign. */
export const PRIVILEGED_KEYS = [
  'id',
  'role',
  'isAdmin',
  'userId',
  'version',
  'createdAt',
  'updatedAt',
  'erasedAt',
  'passwordHash',
  'enterpriseId',
  'programmeId',
  'coachId',
  'constructor',
  'toString',
  'hasOwnProperty',
] as const;

/** An invalid request body for the DTO, built from a valid one; `raw` bodies replace it whole. */
export type InvalidBody = { mutations: Mutation[] } | { raw: unknown };

export function invalidBody(dto: DtoClass): fc.Arbitrary<InvalidBody> {
  const specs = propertySpecs(dto);
  const names = new Set(specs.map((s) => s.name));
  const set = specs.map((spec) =>
    invalidValue(spec).map((value): Mutation => ({ kind: 'set', property: spec.name, value })),
  );
  const remove = specs
    .filter((s) => !s.optional && !s.conditional)
    .map((s) => fc.constant<Mutation>({ kind: 'remove', property: s.name }));
  const unknownKey = fc
    .oneof(fc.constantFrom(...PRIVILEGED_KEYS), fc.string({ minLength: 1, maxLength: 12 }))
    .filter((k) => !names.has(k) && k !== '__proto__');
  const unknown = fc
    .tuple(unknownKey, garbage)
    .map(([key, value]): Mutation => ({ kind: 'unknown', key, value }));
  const nestedUnknown = fc
    .tuple(unknownKey, garbage)
    .map(([key, value]): Mutation => ({ kind: 'nested-unknown', key, value }));
  const mutation = fc.oneof(...set, ...remove, unknown, nestedUnknown);
  return fc.oneof(
    {
      weight: 8,
      arbitrary: fc
        .array(mutation, { minLength: 1, maxLength: 3 })
        .map((mutations) => ({ mutations })),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom<unknown>(
          [],
          'a string',
          42,
          null,
          true,
          JSON.parse('{"__proto__": {"polluted": true}}'),
          JSON.parse('{"constructor": {"prototype": {"polluted": true}}}'),
          JSON.parse('{"a": {"__proto__": {"isAdmin": true}}}'),
        )
        .map((raw) => ({ raw })),
    },
  );
}

/**
 * Applies mutations to a copy of a valid body. A nested unknown key goes into the first nested
 * object the body has (or the body itself): whitelisting must refuse it at any depth.
 */
export function applyInvalid(valid: unknown, invalid: InvalidBody): unknown {
  if ('raw' in invalid) return structuredClone(invalid.raw);
  const body = structuredClone(valid) as Record<string, unknown>;
  for (const m of invalid.mutations) {
    // Generated values can be shared instances (fc.constant): never alias them into the body.
    if (m.kind === 'set') body[m.property] = structuredClone(m.value);
    else if (m.kind === 'remove') delete body[m.property];
    else if (m.kind === 'unknown') body[m.key] = structuredClone(m.value);
    else {
      const target = firstNestedObject(body) ?? body;
      target[m.key] = structuredClone(m.value);
    }
  }
  return body;
}

function firstNestedObject(body: Record<string, unknown>): Record<string, unknown> | undefined {
  for (const value of Object.values(body)) {
    const candidate = Array.isArray(value) ? (value as unknown[])[0] : value;
    if (candidate && typeof candidate === 'object' && !Array.isArray(candidate)) {
      return candidate as Record<string, unknown>;
    }
  }
  return undefined;
}

/** The same valid body with its free-text fields (plain strings, no format) set to nasty text. */
export function nastyValidBody(dto: DtoClass): fc.Arbitrary<(valid: unknown) => unknown> {
  const texts = propertySpecs(dto).filter(
    (s) =>
      s.checks.has('isString') &&
      !FORMATTED.some((f) => s.checks.has(f)) &&
      !s.checks.has('isIn') &&
      !s.checks.has('isString:each'),
  );
  if (texts.length === 0) return fc.constant((valid: unknown) => valid);
  return fc
    .tuple(...texts.map(() => fc.constantFrom(...NASTY_STRINGS)))
    .map((values) => (valid: unknown) => {
      const body = structuredClone(valid) as Record<string, unknown>;
      texts.forEach((spec, i) => {
        // Keep away from min-length rules: the nasty part comes after a plain letter.
        if (spec.name in body) body[spec.name] = `A${values[i] ?? ''}`;
      });
      return body;
    });
}

export const UNCHECKED_TABLES = [
  'audit_log',
  'sessions',
  'rate_limits',
  'migrations',
  'idempotency_keys',
];

/**
 * One md5 per table over every row, in a fixed order. Only meaningful on a database no other
 * test writes to (STEGVIS_ISOLATED_DATABASE_URL); the audit log, sessions and rate limits
 * change on reads and logins by design and are left out.
 */
export async function tableChecksums(dataSource: DataSource): Promise<Record<string, string>> {
  const tables = (await dataSource.query(
    `SELECT table_name AS name FROM information_schema.tables
     WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND NOT (table_name = ANY($1))
     ORDER BY table_name`,
    [UNCHECKED_TABLES],
  )) as { name: string }[];
  const sql = tables
    .map(
      ({ name }) =>
        `SELECT '${name}' AS name, md5(coalesce(string_agg(t::text, '' ORDER BY t::text), '')) AS sum FROM "${name}" t`,
    )
    .join(' UNION ALL ');
  const rows = (await dataSource.query(sql)) as { name: string; sum: string }[];
  return Object.fromEntries(rows.map((r) => [r.name, r.sum]));
}
