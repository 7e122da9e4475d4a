import { gql, type TypedDocumentNode } from '@apollo/client';
import type {
  CarrierHandoverRulesQuery,
  CarrierHandoverRulesQueryVariables,
  DeleteCarrierHandoverRuleMutation,
  DeleteCarrierHandoverRuleMutationVariables,
  SaveCarrierHandoverRuleMutation,
  SaveCarrierHandoverRuleMutationVariables,
} from '../../gql/generated';

export const HANDOVER_RULES: TypedDocumentNode<
  CarrierHandoverRulesQuery,
  CarrierHandoverRulesQueryVariables
> = gql`
  query CarrierHandoverRules($partnerId: ID) {
    carrierHandoverRules(partnerId: $partnerId) {
      id
      fromCarrierCode
      toCarrierCode
      supplier
    }
  }
`;

export const SAVE_HANDOVER_RULE: TypedDocumentNode<
  SaveCarrierHandoverRuleMutation,
  SaveCarrierHandoverRuleMutationVariables
> = gql`
  mutation SaveCarrierHandoverRule($input: SaveCarrierHandoverRuleInput!) {
    saveCarrierHandoverRule(input: $input) {
      rule {
        id
        fromCarrierCode
        toCarrierCode
        supplier
      }
      userErrors {
        field
        code
        message
        params
      }
    }
  }
`;

export const DELETE_HANDOVER_RULE: TypedDocumentNode<
  DeleteCarrierHandoverRuleMutation,
  DeleteCarrierHandoverRuleMutationVariables
> = gql`
  mutation DeleteCarrierHandoverRule($id: ID!) {
    deleteCarrierHandoverRule(id: $id) {
      deletedId
      userErrors {
        field
        code
        message
        params
      }
    }
  }
`;
