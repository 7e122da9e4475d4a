import type { ColumnMapping } from './queries';

export interface UploadResult {
  importId: string;
  headers: string[];
  suggestedMapping: ColumnMapping[];
  rowCount: number;
}

/** What went wrong, in words the user can act on: the server names the line and column of a bad file. */
export class UploadError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** `POST /imports`; the header keeps a cross-site form from posting with the session cookie (CSRF). */
export async function uploadCsv(kind: string, file: File): Promise<UploadResult> {
  const body = new FormData();
  body.append('file', file, file.name);
  let res: Response;
  try {
    res = await fetch(`/imports?kind=${encodeURIComponent(kind)}`, {
      method: 'POST',
      body,
      credentials: 'same-origin',
      headers: { 'X-Requested-With': 'fetch' },
    });
  } catch {
    throw new UploadError('', 0);
  }
  const json = (await res.json().catch(() => null)) as (UploadResult & { error?: string }) | null;
  if (res.status === 201 && json) return json;
  throw new UploadError(json?.error ?? '', res.status);
}
