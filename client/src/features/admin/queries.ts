import { gql, type TypedDocumentNode } from '@apollo/client';
import type {
  CarriersAdminQuery,
  CarriersAdminQueryVariables,
  SaveCarrierMutation,
  SaveCarrierMutationVariables,
  CreateApiKeyMutation,
  CreateApiKeyMutationVariables,
  CreatePartnerMutation,
  CreatePartnerMutationVariables,
  CreateUserMutation,
  CreateUserMutationVariables,
  CreateWebhookEndpointMutation,
  CreateWebhookEndpointMutationVariables,
  DisableWebhookEndpointMutation,
  DisableWebhookEndpointMutationVariables,
  PartnersQuery,
  PartnersQueryVariables,
  RevokeApiKeyMutation,
  RevokeApiKeyMutationVariables,
  SetPartnerNotificationEmailsMutation,
  SetPartnerNotificationEmailsMutationVariables,
  UsersQuery,
  UsersQueryVariables,
  WebhookEndpointsQuery,
  WebhookEndpointsQueryVariables,
} from '../../gql/generated';

export type PartnerAdmin = PartnersQuery['partners'][number];

// Every operation below that returns an API key selects the same fields
// (id name prefix createdAt revokedAt), written out so code generation sees them.

export const PARTNERS: TypedDocumentNode<PartnersQuery, PartnersQueryVariables> = gql`
  query Partners {
    partners {
      id
      name
      notificationEmails
      inboundEmailAddress
      apiKeys {
        id
        name
        prefix
        createdAt
        revokedAt
      }
    }
  }
`;

export const CREATE_PARTNER: TypedDocumentNode<CreatePartnerMutation, CreatePartnerMutationVariables> = gql`
  mutation CreatePartner($input: CreatePartnerInput!) {
    createPartner(input: $input) {
      partner {
        id
        name
        notificationEmails
        inboundEmailAddress
        apiKeys {
          id
          name
          prefix
          createdAt
          revokedAt
        }
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

export const CREATE_API_KEY: TypedDocumentNode<CreateApiKeyMutation, CreateApiKeyMutationVariables> = gql`
  mutation CreateApiKey($input: CreateApiKeyInput!) {
    createApiKey(input: $input) {
      secret
      apiKey {
        id
        name
        prefix
        createdAt
        revokedAt
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

export const REVOKE_API_KEY: TypedDocumentNode<RevokeApiKeyMutation, RevokeApiKeyMutationVariables> = gql`
  mutation RevokeApiKey($input: RevokeApiKeyInput!) {
    revokeApiKey(input: $input) {
      apiKey {
        id
        name
        prefix
        createdAt
        revokedAt
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

export const USERS: TypedDocumentNode<UsersQuery, UsersQueryVariables> = gql`
  query Users {
    users {
      id
      email
      role
    }
  }
`;

export const CREATE_USER: TypedDocumentNode<CreateUserMutation, CreateUserMutationVariables> = gql`
  mutation CreateUser($input: CreateUserInput!) {
    createUser(input: $input) {
      user {
        id
        email
        role
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

export const CARRIERS_ADMIN: TypedDocumentNode<CarriersAdminQuery, CarriersAdminQueryVariables> = gql`
  query CarriersAdmin {
    carriers {
      code
      name
      trackingUrlTemplate
      aliases
      quirkNote
      pickupWindow
      labelScanAtOnce
    }
  }
`;

export const SAVE_CARRIER: TypedDocumentNode<SaveCarrierMutation, SaveCarrierMutationVariables> = gql`
  mutation SaveCarrier($input: SaveCarrierInput!) {
    saveCarrier(input: $input) {
      carrier {
        code
        name
        trackingUrlTemplate
        aliases
        quirkNote
        pickupWindow
        labelScanAtOnce
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

export const SET_PARTNER_NOTIFICATION_EMAILS: TypedDocumentNode<
  SetPartnerNotificationEmailsMutation,
  SetPartnerNotificationEmailsMutationVariables
> = gql`
  mutation SetPartnerNotificationEmails($input: SetPartnerNotificationEmailsInput!) {
    setPartnerNotificationEmails(input: $input) {
      emails
      userErrors {
        field
        code
        message
        params
      }
    }
  }
`;

export type WebhookEndpoint = WebhookEndpointsQuery['webhookEndpoints'][number];

// An endpoint is always selected as
// id url active createdAt deliveries(first: 20) { <the outbox fields of notifications/queries.ts> },
// written out in each operation so code generation sees the whole selection.

export const WEBHOOK_ENDPOINTS: TypedDocumentNode<WebhookEndpointsQuery, WebhookEndpointsQueryVariables> =
  gql`
    query WebhookEndpoints($partnerId: ID) {
      webhookEndpoints(partnerId: $partnerId) {
        id
        url
        active
        createdAt
        deliveries(first: 20) {
          id
          kind
          topic
          status
          attempts
          lastError
          responseCode
          createdAt
          sentAt
          nextAttemptAt
        }
      }
    }
  `;

export const CREATE_WEBHOOK_ENDPOINT: TypedDocumentNode<
  CreateWebhookEndpointMutation,
  CreateWebhookEndpointMutationVariables
> = gql`
  mutation CreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {
    createWebhookEndpoint(input: $input) {
      endpoint {
        id
        url
        active
        createdAt
        deliveries(first: 20) {
          id
          kind
          topic
          status
          attempts
          lastError
          responseCode
          createdAt
          sentAt
          nextAttemptAt
        }
      }
      secret
      userErrors {
        field
        code
        message
        params
      }
    }
  }
`;

export const DISABLE_WEBHOOK_ENDPOINT: TypedDocumentNode<
  DisableWebhookEndpointMutation,
  DisableWebhookEndpointMutationVariables
> = gql`
  mutation DisableWebhookEndpoint($input: DisableWebhookEndpointInput!) {
    disableWebhookEndpoint(input: $input) {
      endpoint {
        id
        active
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
