import type { ApolloServerPlugin, GraphQLRequest } from '@apollo/server';
import {
  getNamedType,
  GraphQLError,
  isLeafType,
  isListType,
  isNonNullType,
  type DocumentNode,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import type { RequestContext } from '../auth/context.js';
import { CSV_LIMITS } from '../imports/csv-reader.js';
import { consumeRateBudget, RATE_LIMIT, type Budget } from '../auth/rate-limit.js';

/**
 * Query cost as partners know it from Shopify: each object costs 1, a list or
 * connection costs its size (`first`, or an assumed 5 for short lists such as
 * an order's fulfillments) times what each item costs. Scalars are free, but
 * every list item costs at least 1, a list of scalars included, and a field
 * that can carry large text costs a point per TEXT_BYTES_PER_POINT it can hold.
 * A query above MAX_QUERY_COST is refused before it runs; API keys also pay
 * the cost from a bucket that refills over time (see auth/rate-limit.ts).
 * The answer itself is measured too: above MAX_RESPONSE_BYTES it is refused.
 */
const MAX_QUERY_COST = 10_000;
export const MAX_DEPTH = 12;
/** graphql-query-complexity's cap on the selections it walks (fragments spread many times count each time). */
const MAX_QUERY_NODES = 10_000;
export const MAX_RESPONSE_BYTES = 8 * 1024 * 1024;
const TEXT_BYTES_PER_POINT = 1000;
const SHORT_LIST = 5;
const CONNECTION_PAGE = 50;

/** Fields that can carry large text, with the most characters one holds (what the writer of each keeps). */
export const LARGE_TEXT_FIELDS: Readonly<Record<string, number>> = {
  'ImportRow.cells': CSV_LIMITS.maxRecordChars,
  'ImportJob.headers': CSV_LIMITS.maxRecordChars,
  // inbound-email.service keeps the first 60,000 characters of a body.
  'InboundEmail.bodyText': 60_000,
};

const isList = (type: GraphQLOutputType): boolean => isListType(isNonNullType(type) ? type.ofType : type);

const costEstimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  const named = getNamedType(field.type);
  // A list's size argument: `first` on connections, `limit` on short lists (Fulfillment.checkpoints).
  const size = args.first ?? args.limit;
  const first = typeof size === 'number' ? Math.max(0, size) : null;
  // Inside a connection, edges are as many as the connection's `first`, which it multiplies by.
  if (type.name.endsWith('Connection') && field.name === 'edges') return Math.max(1, childComplexity);
  if (named.name.endsWith('Connection')) return 2 + (first ?? CONNECTION_PAGE) * childComplexity;
  const text = Math.ceil((LARGE_TEXT_FIELDS[`${type.name}.${field.name}`] ?? 0) / TEXT_BYTES_PER_POINT);
  if (isList(field.type)) return 1 + (first ?? SHORT_LIST) * Math.max(1, childComplexity) + text;
  return (isLeafType(named) ? 0 : 1 + childComplexity) + text;
};

const limitExceeded = (message: string, extensions: Record<string, unknown> = {}) =>
  new GraphQLError(message, { extensions: { code: 'LIMIT_EXCEEDED', ...extensions, http: { status: 400 } } });

/**
 * The query's cost. graphql-query-complexity throws a bare GraphQLError when the
 * document has more selections than it walks; the client sent that document.
 * (Its other bare errors, variables of the wrong type, are the client's input:
 * formatError classifies those.)
 */
function queryCost(schema: GraphQLSchema, document: DocumentNode, request: GraphQLRequest): number {
  try {
    return getComplexity({
      schema,
      query: document,
      operationName: request.operationName,
      variables: request.variables,
      estimators: [costEstimator],
      maxQueryNodes: MAX_QUERY_NODES,
    });
  } catch (error) {
    if (error instanceof GraphQLError && /maximum allowed number of nodes/.test(error.message))
      throw limitExceeded(
        `This query has more than ${MAX_QUERY_NODES} selections once its fragments are spread; ask for fewer fields or spread fragments fewer times.`,
      );
    throw error;
  }
}

/** The size of a result as JSON, roughly (escapes aside), counting only until it passes `limit`. */
function jsonBytes(value: unknown, limit = Infinity): number {
  let bytes = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0 && bytes <= limit) {
    const v = stack.pop();
    if (typeof v === 'string') bytes += Buffer.byteLength(v) + 2;
    else if (v === null || typeof v !== 'object') bytes += String(v).length;
    else if (Array.isArray(v)) {
      bytes += 1 + v.length;
      for (let i = 0; i < v.length; i++) stack.push(v[i]);
    } else {
      bytes += 1;
      for (const key in v) {
        bytes += key.length + 4;
        stack.push((v as Record<string, unknown>)[key]);
      }
    }
  }
  return bytes;
}

export function limitsPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      let cost = 0;
      let budget: Budget | null = null;
      return {
        async didResolveOperation({ request, document, schema, contextValue }) {
          cost = queryCost(schema, document, request);
          if (cost > MAX_QUERY_COST) {
            throw limitExceeded(
              `This query costs ${cost} points; at most ${MAX_QUERY_COST} are allowed. Ask for fewer items (first) or fewer fields.`,
              { cost: { requestedQueryCost: cost, maximumQueryCost: MAX_QUERY_COST } },
            );
          }
          const apiKeyId = contextValue.viewer?.apiKeyId;
          if (apiKeyId != null) {
            budget = await consumeRateBudget(contextValue.ds, apiKeyId, cost);
            if (!budget.allowed) {
              throw new GraphQLError(
                `Throttled: this query costs ${cost} points and ${budget.available} are available; ${RATE_LIMIT.restoreRate} points come back every second.`,
                {
                  extensions: { code: 'THROTTLED', cost: costExtension(cost, budget), http: { status: 429 } },
                },
              );
            }
          }
        },
        async willSendResponse({ response, operation }) {
          if (response.body.kind !== 'single') return;
          const bytes = jsonBytes(response.body.singleResult.data, MAX_RESPONSE_BYTES);
          if (bytes > MAX_RESPONSE_BYTES) {
            // Refused whole: a part of the answer would read as all of it.
            const ran =
              operation?.operation === 'mutation'
                ? ' The mutation itself ran; only its answer is refused.'
                : '';
            response.body.singleResult = {
              errors: [
                {
                  message: `This answer is larger than ${MAX_RESPONSE_BYTES / 1024 / 1024} MB; ask for fewer items (first) or fewer fields.${ran}`,
                  extensions: { code: 'LIMIT_EXCEEDED', maximumResponseBytes: MAX_RESPONSE_BYTES },
                },
              ],
            };
            response.http.status = 400;
          }
          if (cost === 0) return;
          response.body.singleResult.extensions = {
            ...response.body.singleResult.extensions,
            cost: costExtension(cost, budget),
          };
        },
      };
    },
  };
}

function costExtension(cost: number, budget: Budget | null) {
  return {
    requestedQueryCost: cost,
    maximumQueryCost: MAX_QUERY_COST,
    ...(budget
      ? {
          throttleStatus: {
            maximumAvailable: RATE_LIMIT.capacity,
            currentlyAvailable: budget.available,
            restoreRate: RATE_LIMIT.restoreRate,
          },
        }
      : {}),
  };
}
