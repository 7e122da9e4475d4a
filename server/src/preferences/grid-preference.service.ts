import { DEFAULT_GRID_COLUMNS, ErrorCode, GRID_COLUMNS, GRIDS, type Grid } from '@ft/shared';
import type { RequestContext } from '../auth/context.js';
import { requireViewer } from '../auth/scope.js';
import { userError, UserErrorsException } from '../graphql/user-error.js';
import { GridPreferenceEntity } from './grid-preference.entity.js';

/** Whose preferences and views these are: the signed-in user, or the partner behind an API key. */
export function ownerOf(ctx: RequestContext): string {
  const viewer = requireViewer(ctx);
  return viewer.userId !== null ? `user:${viewer.userId}` : `partner:${viewer.partnerId}`;
}

export function isGrid(grid: string): grid is Grid {
  return (GRIDS as readonly string[]).includes(grid);
}

/** The saved columns, or the grid's defaults for someone who never chose. */
export async function getGridPreference(
  ctx: RequestContext,
  grid: string,
): Promise<{ grid: string; columns: string[] } | null> {
  if (!isGrid(grid)) return null;
  const saved = await ctx.ds.getRepository(GridPreferenceEntity).findOneBy({ owner: ownerOf(ctx), grid });
  return { grid, columns: saved?.columns ?? DEFAULT_GRID_COLUMNS[grid] };
}

export async function setGridPreference(ctx: RequestContext, input: { grid: string; columns: string[] }) {
  if (!isGrid(input.grid)) {
    throw new UserErrorsException([
      userError(ErrorCode.INVALID, ['input', 'grid'], 'unknownGrid', { grids: GRIDS.join(', ') }),
    ]);
  }
  const unknown = input.columns.filter((c) => !(GRID_COLUMNS as readonly string[]).includes(c));
  if (unknown.length) {
    throw new UserErrorsException([
      userError(ErrorCode.INVALID, ['input', 'columns'], 'unknownColumns', {
        columns: unknown.slice(0, 5).join(', '),
      }),
    ]);
  }
  const columns = [...new Set(input.columns)];
  const repo = ctx.ds.getRepository(GridPreferenceEntity);
  const owner = ownerOf(ctx);
  await repo.upsert(
    { owner, grid: input.grid, columns, updatedAt: new Date() },
    { conflictPaths: ['owner', 'grid'], skipUpdateIfNoValuesChanged: false },
  );
  return { grid: input.grid, columns };
}
