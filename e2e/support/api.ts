/** A GraphQL client that signs in like the SPA does (session cookie) to create test data. */
export class Api {
  private cookie = '';
  constructor(private readonly baseURL: string) {}

  async gql<T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const res = await fetch(`${this.baseURL}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(this.cookie ? { cookie: this.cookie } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const setCookie = res.headers.getSetCookie();
    if (setCookie.length > 0) this.cookie = setCookie.map((c) => c.split(';')[0]).join('; ');
    const body = (await res.json()) as { data?: T; errors?: { message: string }[] };
    if (body.errors?.length)
      throw new Error(`GraphQL error: ${body.errors.map((e) => e.message).join('; ')}`);
    return body.data as T;
  }

  /** Runs a mutation and fails on any userError, so a broken fixture is loud. */
  async mutate<T>(query: string, variables: Record<string, unknown>, field: string): Promise<T> {
    const data = await this.gql<Record<string, { userErrors: { code: string; message: string }[] } & T>>(
      query,
      variables,
    );
    const payload = data[field];
    if (payload.userErrors.length > 0) throw new Error(`${field}: ${JSON.stringify(payload.userErrors)}`);
    return payload;
  }

  /** Uploads a CSV as the import wizard does; the new import's id. */
  async upload(kind: 'tracking' | 'returns', name: string, text: string): Promise<string> {
    const body = new FormData();
    body.append('file', new Blob([text], { type: 'text/csv' }), name);
    const res = await fetch(`${this.baseURL}/imports?kind=${kind}`, {
      method: 'POST',
      body,
      headers: { 'X-Requested-With': 'fetch', cookie: this.cookie },
    });
    if (res.status !== 201) throw new Error(`upload: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { importId: string }).importId;
  }

  async login(email: string, password: string): Promise<void> {
    await this.mutate(
      'mutation($input: LoginInput!) { login(input: $input) { user { id } userErrors { code message } } }',
      { input: { email, password } },
      'login',
    );
  }
}
