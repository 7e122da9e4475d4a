import 'reflect-metadata';
import { ErrorCode } from '@ft/shared';
import { Field, ObjectType } from 'type-graphql';
import type { z } from 'zod';

@ObjectType('UserError', {
  simpleResolvers: true,
  description: 'Something the caller did wrong and can fix.',
})
export class UserError {
  @Field(() => [String], {
    nullable: true,
    description: 'Path of the input field, e.g. ["input", "trackingNumber"]',
  })
  field: string[] | null;

  @Field(() => String)
  code: string;

  @Field(() => String)
  message: string;

  @Field(() => String, {
    nullable: true,
    description:
      'The values in `message` as a JSON object, e.g. {"minutes": 14} for a throttled sign-in, so a client can word the error in its own language; null when the message has none',
  })
  params: string | null;
}

/**
 * The values a message names, for clients that word it themselves. `variant`, where present, names the exact
 * message among those sharing a code (e.g. unknownOrder for NOT_FOUND), so a client can word it in its own language.
 */
export type MessageParams = Record<string, string | number>;

/** `params` as a userError carries them (JSON) back into an object; null when there are none. */
export function parseMessageParams(json: string | null): MessageParams | null {
  return json ? (JSON.parse(json) as MessageParams) : null;
}

export function userError(
  code: ErrorCode,
  message: string,
  field: string[] | null = null,
  params: MessageParams | null = null,
): UserError {
  return Object.assign(new UserError(), {
    code,
    message,
    field,
    params: params ? JSON.stringify(params) : null,
  });
}

/** Thrown inside a service to abort its transaction and answer with userErrors. */
export class UserErrorsException extends Error {
  constructor(readonly userErrors: UserError[]) {
    super(userErrors.map((e) => e.message).join('; '));
  }
}

/** zod issues → userErrors: the issue kind, or a refinement's `params.code`, gives the code. */
function zodUserErrors(error: z.ZodError, prefix: string[] = ['input']): UserError[] {
  return error.issues.map((issue) => {
    const field = [...prefix, ...issue.path.map(String)];
    switch (issue.code) {
      case 'custom':
        return userError(
          (issue.params?.code as ErrorCode | undefined) ?? ErrorCode.INVALID,
          issue.message,
          field,
        );
      case 'too_big':
        return userError(
          ErrorCode.TOO_LONG,
          issue.origin === 'string' ? `At most ${String(issue.maximum)} characters` : issue.message,
          field,
        );
      case 'too_small':
        if (issue.origin === 'string' && Number(issue.minimum) <= 1)
          return userError(ErrorCode.REQUIRED, 'This field is required', field);
        if (issue.origin === 'array' && Number(issue.minimum) <= 1)
          return userError(ErrorCode.REQUIRED, issue.message, field);
        return userError(ErrorCode.INVALID, issue.message, field);
      case 'invalid_type':
        return userError(
          issue.input === undefined || issue.input === null ? ErrorCode.REQUIRED : ErrorCode.INVALID,
          issue.input == null ? 'This field is required' : issue.message,
          field,
        );
      default:
        return userError(ErrorCode.INVALID, issue.message, field);
    }
  });
}

/** Parse `input` with a shared schema or throw the userErrors the caller should see. */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  prefix: string[] = ['input'],
): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new UserErrorsException(zodUserErrors(result.error, prefix));
  return result.data;
}
