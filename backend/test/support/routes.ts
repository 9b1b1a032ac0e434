import type { INestApplication } from '@nestjs/common';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import type { Permission } from '@stegvis/contracts';
import { PERMISSION_KEY, PUBLIC_KEY } from '../../src/access/decorators';

export interface DiscoveredRoute {
  /** e.g. `GET /api/programmes/:id` */
  key: string;
  permission: Permission | undefined;
  isPublic: boolean;
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
      });
    }
  }
  return routes.sort((a, b) => a.key.localeCompare(b.key));
}
