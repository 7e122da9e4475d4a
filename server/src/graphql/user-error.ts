import 'reflect-metadata';
import {
  ErrorCode,
  formatMessage,
  variantOfWords,
  type MessageArgs,
  type MessageVariant,
  type Refusal,
} from '@ft/shared';
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
 * The values a message names and, as `variant`, its name in the message catalogue (`MESSAGES` in shared), so a
 * client can word it in its own language.
 */
export type MessageParams = Record<string, string | number>;

/** `params` as a userError carries them (JSON) back into an object; null when there are none. */
export function parseMessageParams(json: string | null): MessageParams | null {
  return json ? (JSON.parse(json) as MessageParams) : null;
}

/** A message of the catalogue: its English words and the params (variant and values) that let a client reword it. */
export function catalogued<V extends MessageVariant>(
  variant: V,
  ...args: MessageArgs<V>
): { message: string; params: MessageParams } {
  return { message: formatMessage(variant, ...args), params: { variant, ...args[0] } };
}

/** A userError worded by the catalogue: `field` is the input path, `values` what the message names. */
export function userError<V extends MessageVariant>(
  code: ErrorCode,
  field: string[] | null,
  variant: V,
  ...args: MessageArgs<V>
): UserError {
  const { message, params } = catalogued(variant, ...args);
  return worded(code, field, message, params);
}

function worded(
  code: ErrorCode,
  field: string[] | null,
  message: string,
  params: MessageParams | null,
): UserError {
  return Object.assign(new UserError(), { code, message, field, params: params && JSON.stringify(params) });
}

/** Thrown inside a service to abort its transaction and answer with userErrors. */
export class UserErrorsException extends Error {
  constructor(readonly userErrors: UserError[]) {
    super(userErrors.map((e) => e.message).join('; '));
  }
}

/**
 * zod issues → userErrors: the issue kind, or a refinement's `params.code`, gives the code; the shared schemas word
 * their checks with the catalogue, so the words name the variant.
 */
function zodUserErrors(error: z.ZodError, prefix: string[] = ['input']): UserError[] {
  const byWords = (code: ErrorCode, words: string, field: string[]) => {
    const variant = variantOfWords(words);
    return worded(code, field, words, variant && { variant });
  };
  return error.issues.map((issue) => {
    const field = [...prefix, ...issue.path.map(String)];
    switch (issue.code) {
      case 'custom':
        return byWords(
          (issue.params?.code as ErrorCode | undefined) ?? ErrorCode.INVALID,
          issue.message,
          field,
        );
      case 'too_big':
        return issue.origin === 'string'
          ? userError(ErrorCode.TOO_LONG, field, 'atMostChars', { max: Number(issue.maximum) })
          : issue.origin === 'array'
            ? userError(ErrorCode.TOO_LONG, field, 'tooMany', { max: Number(issue.maximum) })
            : byWords(ErrorCode.TOO_LONG, issue.message, field);
      case 'too_small':
        if (issue.origin === 'string')
          return Number(issue.minimum) <= 1
            ? userError(ErrorCode.REQUIRED, field, 'required')
            : userError(ErrorCode.INVALID, field, 'atLeastChars', { min: Number(issue.minimum) });
        return byWords(
          issue.origin === 'array' && Number(issue.minimum) <= 1 ? ErrorCode.REQUIRED : ErrorCode.INVALID,
          issue.message,
          field,
        );
      case 'invalid_type':
        return issue.input == null
          ? userError(ErrorCode.REQUIRED, field, 'required')
          : byWords(ErrorCode.INVALID, issue.message, field);
      default:
        return byWords(ErrorCode.INVALID, issue.message, field);
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

/** A line the state table would not move, as the userError that says why. */
export function refusalError(refusal: Refusal, field: string[] | null): UserError {
  return userError(refusal.code, field, refusal.variant, { status: refusal.status });
}
