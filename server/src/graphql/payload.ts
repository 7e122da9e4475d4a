import { UserErrorsException, type UserError } from './user-error.js';

/**
 * Run a mutation's service call; what the caller did wrong becomes
 * `userErrors` on the payload, anything else stays a fault.
 */
export async function payload<T, P extends { userErrors: UserError[] }>(
  work: () => Promise<T>,
  ok: (value: T) => Omit<P, 'userErrors'>,
  failed: Omit<P, 'userErrors'>,
): Promise<P> {
  try {
    return { ...ok(await work()), userErrors: [] } as unknown as P;
  } catch (error) {
    if (error instanceof UserErrorsException)
      return { ...failed, userErrors: error.userErrors } as unknown as P;
    throw error;
  }
}
