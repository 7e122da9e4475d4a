import 'reflect-metadata';
import { Field, InterfaceType, ObjectType, ID } from 'type-graphql';
import { LIMITS } from '@ft/shared';
import { badInput } from './errors.js';

@InterfaceType('Node')
export abstract class Node {
  @Field(() => ID)
  id: string;
}

@ObjectType('PageInfo', { simpleResolvers: true })
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage: boolean;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

/** A keyset cursor: the sort key and id of the last row seen, so deep pages cost what the first does. */
export interface Cursor {
  sort: string;
  value: string | null;
  id: number;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.sort, cursor.value, cursor.id])).toString('base64url');
}

export function decodeCursor(raw: string, expectedSort: string): Cursor {
  try {
    const [sort, value, id] = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown[];
    if (sort !== expectedSort)
      throw badInput('This cursor belongs to another sort order; start again without `after`');
    if ((typeof value !== 'string' && value !== null) || typeof id !== 'number' || !Number.isSafeInteger(id))
      throw new Error();
    return { sort, value, id };
  } catch (error) {
    if (error instanceof Error && error.message.includes('sort order')) throw error;
    throw badInput('`after` is not a cursor this API gave out');
  }
}

export function pageSize(first: number | null | undefined): number {
  const size = first ?? LIMITS.pageSizeDefault;
  if (!Number.isInteger(size) || size < 1 || size > LIMITS.pageSizeMax) {
    throw badInput(`\`first\` must be between 1 and ${LIMITS.pageSizeMax}`, 'LIMIT_EXCEEDED');
  }
  return size;
}
