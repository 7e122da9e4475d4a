import type { ApolloServerPlugin } from '@apollo/server';
import {
  getNamedType,
  GraphQLError,
  isLeafType,
  isListType,
  isNonNullType,
  type GraphQLOutputType,
} from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import type { RequestContext } from '../auth/context.js';
import { consumeRateBudget, RATE_LIMIT, type Budget } from '../auth/rate-limit.js';

/**
 * Query cost as partners know it from Shopify: scalars are free, each object
 * costs 1, a list or connection costs its size (`first`, or an assumed 5 for
 * short lists such as an order's fulfillments) times what each item costs.
 * A query above MAX_QUERY_COST is refused before it runs; API keys also pay
 * the cost from a bucket that refills over time (see auth/rate-limit.ts).
 */
export const MAX_QUERY_COST = 10_000;
export const MAX_DEPTH = 12;
const SHORT_LIST = 5;

const unwrapList = (type: GraphQLOutputType): boolean => isListType(isNonNullType(type) ? type.ofType : type);

export const costEstimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  const named = getNamedType(field.type);
  if (isLeafType(named)) return 0;
  if (type.name.endsWith('Connection') && field.name === 'edges') return childComplexity;
  const first = typeof args.first === 'number' ? Math.max(0, args.first) : null;
  if (named.name.endsWith('Connection')) return 2 + (first ?? 50) * childComplexity;
  if (unwrapList(field.type)) return 1 + (first ?? SHORT_LIST) * childComplexity;
  return 1 + childComplexity;
};

export function limitsPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      let cost = 0;
      let budget: Budget | null = null;
      return {
        async didResolveOperation({ request, document, schema, contextValue }) {
          cost = getComplexity({
            schema,
            query: document,
            operationName: request.operationName,
            variables: request.variables,
            estimators: [costEstimator],
          });
          if (cost > MAX_QUERY_COST) {
            throw new GraphQLError(
              `This query costs ${cost} points; at most ${MAX_QUERY_COST} are allowed. Ask for fewer items (first) or fewer fields.`,
              {
                extensions: {
                  code: 'LIMIT_EXCEEDED',
                  cost: { requestedQueryCost: cost, maximumQueryCost: MAX_QUERY_COST },
                  http: { status: 400 },
                },
              },
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
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single' || cost === 0) return;
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
