import { ErrorCode, LIMITS, MESSAGES, Role } from '@ft/shared';
import { z } from 'zod';
import type { RequestContext } from '../auth/context.js';
import { hashPassword } from '../auth/passwords.js';
import { parseInput, userError, UserErrorsException } from '../graphql/user-error.js';
import { UserEntity } from './user.entity.js';

const createUserSchema = z.object({
  email: z
    .string()
    .trim()
    .max(LIMITS.emailMax, { message: MESSAGES.tooLong })
    .pipe(z.email({ message: MESSAGES.notAnEmail })),
  role: z.enum([Role.ADMIN, Role.SUPPORT], { message: MESSAGES.staffRole }),
  password: z
    .string()
    .min(LIMITS.passwordMin, { message: `At least ${LIMITS.passwordMin} characters` })
    .max(LIMITS.passwordMax, { message: MESSAGES.tooLong }),
});

export async function listUsers(ctx: RequestContext): Promise<UserEntity[]> {
  return ctx.ds.getRepository(UserEntity).find({ order: { email: 'ASC' } });
}

export async function createUser(
  ctx: RequestContext,
  input: { email: string; role: string; password: string },
): Promise<UserEntity> {
  const data = parseInput(createUserSchema, input);
  const email = data.email.toLowerCase();
  const repo = ctx.ds.getRepository(UserEntity);
  if (await repo.findOneBy({ email }))
    throw new UserErrorsException([
      userError(ErrorCode.ALREADY_EXISTS, ['input', 'email'], 'emailTaken', { email }),
    ]);
  return repo.save(
    repo.create({
      email,
      role: data.role,
      passwordHash: await hashPassword(data.password),
      createdAt: new Date(),
      disabledAt: null,
    }),
  );
}
