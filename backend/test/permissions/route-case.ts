import type { Permission } from '@stegvis/contracts';
import type { World } from './world';

export interface Call {
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** How the generated permission suite exercises one route. */
export interface RouteCase {
  permission: Permission;
  /** A call on a record inside the scope that the policy gives the caller's role. */
  inScope: (w: World) => Call | Promise<Call>;
  /** The same call on a record outside that scope: 404 for roles whose scope is not `all`. */
  outOfScope?: (w: World) => Call | Promise<Call>;
  /** For lists: the id of an out-of-scope record that must not be listed. */
  listExcludes?: (w: World) => string;
  /** The route ends or changes the caller's own session: use a fresh account per call. */
  freshActor?: boolean;
}

export type RouteCases = Record<string, RouteCase>;
