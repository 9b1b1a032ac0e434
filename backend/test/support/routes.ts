import type { INestApplication } from '@nestjs/common';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import type { CaseDataResponse, Permission } from '@stegvis/contracts';
import { CASE_DATA_KEY, PERMISSION_KEY, PUBLIC_KEY } from '../../src/access/decorators';

export interface DiscoveredRoute {
  /** e.g. `GET /api/programmes/:id` */
  key: string;
  permission: Permission | undefined;
  isPublic: boolean;
  /** What the route answers of participant data (@CaseData), if it declares it. */
  caseData: CaseDataResponse | undefined;
  /** The class of the `@Body()` parameter, when the handler takes one. */
  bodyDto?: DtoClass;
  /** The class of the `@Query()` parameter, when the handler takes one. */
  queryDto?: DtoClass;
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- class-validator keys its metadata by constructor
export type DtoClass = Function;

// Nest's RouteParamtypes.BODY and .QUERY (the enum is not exported from the package root).
const BODY = 3;
const QUERY = 4;

/** The class of the parameter decorated with @Body() (or @Query()) on a controller method. */
function parameterClass(metatype: object, name: string, paramtype: number): DtoClass | undefined {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, metatype, name) ?? {}) as Record<
    string,
    { index: number; data?: unknown }
  >;
  const types = (Reflect.getMetadata(
    'design:paramtypes',
    (metatype as { prototype: object }).prototype,
    name,
  ) ?? []) as unknown[];
  for (const [key, arg] of Object.entries(args)) {
    if (Number(key.split(':')[0]) !== paramtype || arg.data !== undefined) continue;
    const type = types[arg.index];
    if (typeof type === 'function' && type !== Object) return type;
  }
  return undefined;
}

/** Every HTTP route the running application registered, with its declared access. */
export function discoverRoutes(app: INestApplication): DiscoveredRoute[] {
  const wrappers = [...app.get(ModulesContainer).values()].flatMap((m) => [
    ...m.controllers.values(),
  ]);
  const routes: DiscoveredRoute[] = [];
  for (const wrapper of wrappers) {
    const { metatype } = wrapper;
    if (!metatype) continue;
    const base = String(Reflect.getMetadata(PATH_METADATA, metatype) ?? '');
    const prototype = (metatype as { prototype: Record<string, unknown> }).prototype;
    for (const name of Object.getOwnPropertyNames(prototype)) {
      if (name === 'constructor') continue;
      const handler = prototype[name] as object;
      const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      if (path === undefined || method === undefined) continue;
      const full = ['api', base, path]
        .map((part) => part.replace(/^\/+|\/+$/g, ''))
        .filter(Boolean)
        .join('/');
      routes.push({
        key: `${RequestMethod[method]} /${full}`,
        permission:
          (Reflect.getMetadata(PERMISSION_KEY, handler) as Permission | undefined) ??
          (Reflect.getMetadata(PERMISSION_KEY, metatype) as Permission | undefined),
        isPublic: Boolean(
          Reflect.getMetadata(PUBLIC_KEY, handler) ?? Reflect.getMetadata(PUBLIC_KEY, metatype),
        ),
        caseData: Reflect.getMetadata(CASE_DATA_KEY, handler) as CaseDataResponse | undefined,
        bodyDto: parameterClass(metatype, name, BODY),
        queryDto: parameterClass(metatype, name, QUERY),
      });
    }
  }
  return routes.sort((a, b) => a.key.localeCompare(b.key));
}
