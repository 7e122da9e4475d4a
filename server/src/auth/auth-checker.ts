import 'reflect-metadata';
import type { AuthCheckerFn } from 'type-graphql';
import { forbidden, unauthenticated } from '../graphql/errors.js';
import type { RequestContext } from './context.js';

/** `@Authorized()` = any signed-in caller; `@Authorized('ADMIN', …)` = those roles only. */
export const authChecker: AuthCheckerFn<RequestContext> = ({ context }, roles) => {
  if (!context.viewer) throw unauthenticated();
  if (roles.length > 0 && !roles.includes(context.viewer.role)) throw forbidden();
  return true;
};
