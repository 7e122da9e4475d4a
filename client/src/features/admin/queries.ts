import { typed, type UserError } from '../../app/gql';
import { OUTBOX_FIELDS, type OutboxMessage } from '../notifications/queries';

export interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  revokedAt: string | null;
}
export interface PartnerAdmin {
  id: string;
  name: string;
  notificationEmails: string[];
  inboundEmailAddress: string;
  apiKeys: ApiKey[];
}

const API_KEY_FIELDS = 'id name prefix createdAt revokedAt';

export const PARTNERS = typed<{ partners: PartnerAdmin[] }>`
  query Partners {
    partners { id name notificationEmails inboundEmailAddress apiKeys { ${API_KEY_FIELDS} } }
  }
`;

export const CREATE_PARTNER = typed<
  { createPartner: { partner: PartnerAdmin | null; userErrors: UserError[] } },
  { input: { name: string; notificationEmails: string[] } }
>`
  mutation CreatePartner($input: CreatePartnerInput!) {
    createPartner(input: $input) {
      partner { id name notificationEmails inboundEmailAddress apiKeys { ${API_KEY_FIELDS} } }
      userErrors { field code message }
    }
  }
`;

export const CREATE_API_KEY = typed<
  { createApiKey: { secret: string | null; apiKey: ApiKey | null; userErrors: UserError[] } },
  { input: { partnerId: string; name: string } }
>`
  mutation CreateApiKey($input: CreateApiKeyInput!) {
    createApiKey(input: $input) {
      secret
      apiKey { ${API_KEY_FIELDS} }
      userErrors { field code message }
    }
  }
`;

export const REVOKE_API_KEY = typed<
  { revokeApiKey: { apiKey: ApiKey | null; userErrors: UserError[] } },
  { input: { apiKeyId: string } }
>`
  mutation RevokeApiKey($input: RevokeApiKeyInput!) {
    revokeApiKey(input: $input) {
      apiKey { ${API_KEY_FIELDS} }
      userErrors { field code message }
    }
  }
`;

export interface StaffUser {
  id: string;
  email: string;
  role: 'ADMIN' | 'SUPPORT' | 'PARTNER';
}

export const USERS = typed<{ users: StaffUser[] }>`
  query Users {
    users { id email role }
  }
`;

export const CREATE_USER = typed<
  { createUser: { user: StaffUser | null; userErrors: UserError[] } },
  { input: { email: string; role: 'ADMIN' | 'SUPPORT'; password: string } }
>`
  mutation CreateUser($input: CreateUserInput!) {
    createUser(input: $input) {
      user { id email role }
      userErrors { field code message }
    }
  }
`;

export const CARRIERS_ADMIN = typed<
  { carriers: { code: string; name: string; trackingUrlTemplate: string | null; aliases: string[] }[] }
>`
  query CarriersAdmin {
    carriers { code name trackingUrlTemplate aliases }
  }
`;

export const SET_PARTNER_NOTIFICATION_EMAILS = typed<
  { setPartnerNotificationEmails: { emails: string[] | null; userErrors: UserError[] } },
  { input: { partnerId: string; emails: string[] } }
>`
  mutation SetPartnerNotificationEmails($input: SetPartnerNotificationEmailsInput!) {
    setPartnerNotificationEmails(input: $input) {
      emails
      userErrors { field code message }
    }
  }
`;

export interface WebhookEndpoint {
  id: string;
  url: string;
  active: boolean;
  createdAt: string;
  deliveries: OutboxMessage[];
}

const ENDPOINT_FIELDS = `id url active createdAt deliveries(first: 20) { ${OUTBOX_FIELDS} }`;

export const WEBHOOK_ENDPOINTS = typed<{ webhookEndpoints: WebhookEndpoint[] }, { partnerId: string }>`
  query WebhookEndpoints($partnerId: ID) {
    webhookEndpoints(partnerId: $partnerId) { ${ENDPOINT_FIELDS} }
  }
`;

export const CREATE_WEBHOOK_ENDPOINT = typed<
  { createWebhookEndpoint: { endpoint: WebhookEndpoint | null; secret: string | null; userErrors: UserError[] } },
  { input: { partnerId: string; url: string } }
>`
  mutation CreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {
    createWebhookEndpoint(input: $input) {
      endpoint { ${ENDPOINT_FIELDS} }
      secret
      userErrors { field code message }
    }
  }
`;

export const DISABLE_WEBHOOK_ENDPOINT = typed<
  { disableWebhookEndpoint: { endpoint: { id: string; active: boolean } | null; userErrors: UserError[] } },
  { input: { id: string } }
>`
  mutation DisableWebhookEndpoint($input: DisableWebhookEndpointInput!) {
    disableWebhookEndpoint(input: $input) {
      endpoint { id active }
      userErrors { field code message }
    }
  }
`;
