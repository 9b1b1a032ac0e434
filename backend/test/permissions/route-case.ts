import type { Permission } from '@stegvis/contracts';
import type { World } from './world';

export interface Call {
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Who makes the call, for cases that must prepare the caller's own account first. */
export interface Actor {
  token: string;
  userId: string;
}

/** How the generated permission suite exercises one route. */
export interface RouteCase {
  permission: Permission;
  /**
   * A call on a record inside the scope that the policy gives the caller's role. `actor` is the
   * caller (given for `freshActor` cases; absent when only the path is needed, e.g. for the 401
   * check), so a case can set up the caller's account through the API first.
   */
  inScope: (w: World, actor?: Actor) => Call | Promise<Call>;
  /** The same call on a record outside that scope: 404 for roles whose scope is not `all`. */
  outOfScope?: (w: World) => Call | Promise<Call>;
  /** For lists: the id of an out-of-scope record that must not be listed. */
  listExcludes?: (w: World) => string;
  /** The route ends or changes the caller's own session: use a fresh account per call. */
  freshActor?: boolean;
}

export type RouteCases = Record<string, RouteCase>;
