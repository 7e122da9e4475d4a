import { Field, ID, Int, ObjectType } from 'type-graphql';
import { PageInfo } from '../graphql/connection.js';
import { toGlobalId } from '../graphql/ids.js';
import { DateTimeScalar } from '../graphql/scalars.js';
import { UserError } from '../graphql/user-error.js';
import { type ActionLogItem, cannotUndo } from './action-log.service.js';

@ObjectType('ActionLogEntry', {
  description: 'A bulk action or an applied import: who did what, when, to how many',
})
export class ActionLogEntry {
  item: ActionLogItem;

  @Field(() => ID, { description: 'The bulk action or import id' }) id: string;
  @Field(() => String, {
    description:
      'MARK_SHIPPED | MARK_NOT_SHIPPING | CANCEL for bulk actions; IMPORT_TRACKING | IMPORT_RETURNS',
  })
  kind: string;
  @Field(() => String, { nullable: true, description: 'Who did it, as history records it' })
  actor: string | null;
  @Field(() => DateTimeScalar, { description: 'When: the action was taken, or the import applied' }) at: Date;
  @Field(() => Int, { description: 'Fulfillments the action changed, or import rows written' }) count: number;
  @Field(() => String, { nullable: true, description: "An import's file name" }) fileName: string | null;
  @Field(() => ID, {
    nullable: true,
    description: 'For undoBulkAction; null for an import (undoImport takes importId)',
  })
  actionId: string | null;
  @Field(() => ID, { nullable: true, description: 'The import, for importJob; null for a bulk action' })
  importId: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) undoneAt: Date | null;
  @Field(() => Boolean) undoable: boolean;
  @Field(() => UserError, {
    nullable: true,
    description: 'Why it cannot be undone (code ALREADY_UNDONE, with params); null when it can',
  })
  cannotUndo: UserError | null;
}

@ObjectType('ActionLogEdge')
export class ActionLogEdge {
  @Field(() => String) cursor: string;
  @Field(() => ActionLogEntry) node: ActionLogEntry;
}

@ObjectType('ActionLogConnection')
export class ActionLogConnection {
  @Field(() => [ActionLogEdge]) edges: ActionLogEdge[];
  @Field(() => PageInfo) pageInfo: PageInfo;
}

export function toActionLogEntry(item: ActionLogItem): ActionLogEntry {
  const reason = cannotUndo(item);
  const common = { item, at: item.at, undoable: reason === null, cannotUndo: reason };
  if (item.source === 'BULK') {
    const a = item.action;
    const id = toGlobalId('BulkAction', a.id);
    return Object.assign(new ActionLogEntry(), common, {
      id,
      kind: a.kind,
      actor: a.actor,
      count: a.changedCount,
      fileName: null,
      actionId: id,
      importId: null,
      undoneAt: a.undoneAt,
    });
  }
  const j = item.job;
  const id = toGlobalId('Import', j.id);
  return Object.assign(new ActionLogEntry(), common, {
    id,
    kind: `IMPORT_${j.kind.toUpperCase()}`,
    actor: j.actor,
    count: j.appliedCount,
    fileName: j.fileName,
    actionId: null,
    importId: id,
    undoneAt: j.undoneAt,
  });
}
