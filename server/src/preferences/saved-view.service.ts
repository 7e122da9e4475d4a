import {
  ErrorCode,
  GRID_COLUMNS,
  GRIDS,
  SAVED_VIEW_FILTER_KEYS,
  SAVED_VIEW_LIMITS,
  type OrderSortField,
  type SortDirection,
} from '@ft/shared';
import type { RequestContext } from '../auth/context.js';
import { inTransaction } from '../db/transaction.js';
import { userError, UserErrorsException, type UserError } from '../graphql/user-error.js';
import { isGrid, ownerOf } from './grid-preference.service.js';
import { SavedViewEntity } from './saved-view.entity.js';

export interface SavedViewInput {
  grid: string;
  name: string;
  filters: { key: string; value: string }[];
  columns: string[];
  sort: OrderSortField;
  direction: SortDirection;
}

/** The caller's views of a grid, by name. */
export async function listSavedViews(ctx: RequestContext, grid: string): Promise<SavedViewEntity[]> {
  if (!isGrid(grid)) return [];
  const views = await ctx.em.getRepository(SavedViewEntity).findBy({ owner: ownerOf(ctx), grid });
  return views.sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id);
}

/** What a view stores, or every reason it cannot be stored. */
function checked(input: SavedViewInput) {
  const errors: UserError[] = [];
  if (!isGrid(input.grid)) {
    errors.push(userError(ErrorCode.INVALID, ['input', 'grid'], 'unknownGrid', { grids: GRIDS.join(', ') }));
  }
  const name = input.name.trim();
  if (!name) errors.push(userError(ErrorCode.REQUIRED, ['input', 'name'], 'viewNeedsName'));
  else if (name.length > SAVED_VIEW_LIMITS.name) {
    errors.push(
      userError(ErrorCode.TOO_LONG, ['input', 'name'], 'viewNameTooLong', { max: SAVED_VIEW_LIMITS.name }),
    );
  }
  const filters: Record<string, string> = {};
  input.filters.forEach(({ key, value }, i) => {
    const at = ['input', 'filters', String(i)];
    if (!(SAVED_VIEW_FILTER_KEYS as readonly string[]).includes(key)) {
      errors.push(
        userError(ErrorCode.INVALID, [...at, 'key'], 'viewUnknownFilter', { key: key.slice(0, 40) }),
      );
    } else if (key in filters) {
      errors.push(userError(ErrorCode.INVALID, [...at, 'key'], 'viewFilterTwice', { key }));
    } else if (value.length > SAVED_VIEW_LIMITS.filterValue) {
      errors.push(
        userError(ErrorCode.TOO_LONG, [...at, 'value'], 'viewFilterValueTooLong', {
          max: SAVED_VIEW_LIMITS.filterValue,
        }),
      );
    } else if (value !== '') filters[key] = value;
  });
  const unknown = input.columns.filter((c) => !(GRID_COLUMNS as readonly string[]).includes(c));
  if (unknown.length) {
    errors.push(
      userError(ErrorCode.INVALID, ['input', 'columns'], 'unknownColumns', {
        columns: unknown.slice(0, 5).join(', '),
      }),
    );
  }
  if (errors.length) throw new UserErrorsException(errors);
  return { grid: input.grid, name, filters, columns: [...new Set(input.columns)] };
}

async function assertNameFree(
  tx: RequestContext,
  owner: string,
  grid: string,
  name: string,
  except?: number,
) {
  const views = await tx.em.getRepository(SavedViewEntity).findBy({ owner, grid });
  // MariaDB compares names without regard to case, SQLite with: the rule is the same on both.
  if (views.some((v) => v.id !== except && v.name.toLowerCase() === name.toLowerCase())) {
    throw new UserErrorsException([
      userError(ErrorCode.ALREADY_EXISTS, ['input', 'name'], 'viewNameTaken', { name }),
    ]);
  }
  return views.length;
}

export function createSavedView(ctx: RequestContext, input: SavedViewInput): Promise<SavedViewEntity> {
  const view = checked(input);
  return inTransaction(ctx, async (tx) => {
    const owner = ownerOf(tx);
    const count = await assertNameFree(tx, owner, view.grid, view.name);
    if (count >= SAVED_VIEW_LIMITS.perGrid) {
      throw new UserErrorsException([
        userError(ErrorCode.LIMIT_EXCEEDED, ['input'], 'viewsPerGridMax', { max: SAVED_VIEW_LIMITS.perGrid }),
      ]);
    }
    const now = new Date();
    return tx.em.getRepository(SavedViewEntity).save({
      owner,
      ...view,
      sortField: input.sort,
      sortDirection: input.direction,
      createdAt: now,
      updatedAt: now,
    });
  });
}

const notFound = () => new UserErrorsException([userError(ErrorCode.NOT_FOUND, ['id'], 'noSuchSavedView')]);

/** Replaces one of the caller's views; someone else's view is "not found". */
export function updateSavedView(
  ctx: RequestContext,
  id: number,
  input: SavedViewInput,
): Promise<SavedViewEntity> {
  const view = checked(input);
  return inTransaction(ctx, async (tx) => {
    const owner = ownerOf(tx);
    const repo = tx.em.getRepository(SavedViewEntity);
    const existing = await repo.findOneBy({ id, owner });
    if (!existing) throw notFound();
    if (existing.grid !== view.grid) {
      throw new UserErrorsException([userError(ErrorCode.INVALID, ['input', 'grid'], 'viewKeepsGrid')]);
    }
    await assertNameFree(tx, owner, view.grid, view.name, id);
    Object.assign(existing, view, {
      sortField: input.sort,
      sortDirection: input.direction,
      updatedAt: new Date(),
    });
    return repo.save(existing);
  });
}

export function deleteSavedView(ctx: RequestContext, id: number): Promise<number> {
  return inTransaction(ctx, async (tx) => {
    const res = await tx.em.getRepository(SavedViewEntity).delete({ id, owner: ownerOf(tx) });
    if (!res.affected) throw notFound();
    return id;
  });
}
