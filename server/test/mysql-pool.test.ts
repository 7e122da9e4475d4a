import { describe, expect, it } from 'vitest';
import { hostUrls } from '../src/db/mysql-pool.js';

describe('a DATABASE_URL that lists several hosts', () => {
  it('becomes one URL per host, each with the credentials, database and options', () => {
    expect(hostUrls('mysql://u:p%40ss@db1:3306,db2:3307, db3/fulfillment?ssl=true')).toEqual([
      'mysql://u:p%40ss@db1:3306/fulfillment?ssl=true',
      'mysql://u:p%40ss@db2:3307/fulfillment?ssl=true',
      'mysql://u:p%40ss@db3/fulfillment?ssl=true',
    ]);
  });

  it('with one host stays as it is', () => {
    expect(hostUrls('mysql://u:p@db.internal:3306/fulfillment')).toEqual([
      'mysql://u:p@db.internal:3306/fulfillment',
    ]);
  });

  it('with an empty host is refused, not read as localhost', () => {
    expect(() => hostUrls('mysql://u:p@db1:3306,,db2:3306/fulfillment')).toThrow(/empty host/);
    expect(() => hostUrls('mysql://u:p@db1:3306,/fulfillment')).toThrow(/empty host/);
  });
});
