import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

/**
 * `Date` is a calendar date written YYYY-MM-DD. The scalar only checks that a
 * string arrived; whether the date exists (2026-02-30) is the service's call,
 * so mutations can answer it as an INVALID_DATE userError on the right field.
 */
export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'A calendar date, YYYY-MM-DD (e.g. 2026-11-02)',
  serialize: (value) => String(value).slice(0, 10),
  parseValue: (value) => {
    if (typeof value !== 'string' || value.length > 32)
      throw new GraphQLError('Date must be a string YYYY-MM-DD');
    return value.trim();
  },
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING || ast.value.length > 32)
      throw new GraphQLError('Date must be a string YYYY-MM-DD');
    return ast.value.trim();
  },
});

function toDate(value: unknown): Date {
  const d = typeof value === 'string' || typeof value === 'number' ? new Date(value) : value;
  if (!(d instanceof Date) || Number.isNaN(d.getTime()))
    throw new GraphQLError('DateTime must be an ISO-8601 date-time');
  return d;
}

export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'An instant, ISO-8601 in UTC (e.g. 2026-11-02T14:05:00.000Z)',
  serialize: (value) => toDate(value).toISOString(),
  parseValue: (value) => {
    if (typeof value !== 'string') throw new GraphQLError('DateTime must be an ISO-8601 string');
    return toDate(value);
  },
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('DateTime must be an ISO-8601 string');
    return toDate(ast.value);
  },
});
