import { gql, type TypedDocumentNode } from '@apollo/client';
import type {
  ApplyInboundEmailMutation,
  ApplyInboundEmailMutationVariables,
  DismissInboundEmailMutation,
  DismissInboundEmailMutationVariables,
  InboundEmailLinesQuery,
  InboundEmailLinesQueryVariables,
  InboundEmailsQuery,
  InboundEmailsQueryVariables,
  MailMessagesQuery,
  MailMessagesQueryVariables,
  OutboxMessagesQuery,
  OutboxMessagesQueryVariables,
  RetryOutboxMessageMutation,
  RetryOutboxMessageMutationVariables,
} from '../../gql/generated';

export type MailMessage = MailMessagesQuery['mailMessages'][number];

export const MAIL_MESSAGES: TypedDocumentNode<MailMessagesQuery, MailMessagesQueryVariables> = gql`
  query MailMessages($first: Int) {
    mailMessages(first: $first) {
      id
      createdAt
      recipients
      subject
      status
      topic
      locale
      text
      html
    }
  }
`;

// The outbox fields (id kind topic status attempts lastError responseCode createdAt sentAt nextAttemptAt)
// are written out in each operation, so code generation sees the whole selection.
export const OUTBOX_MESSAGES: TypedDocumentNode<OutboxMessagesQuery, OutboxMessagesQueryVariables> = gql`
  query OutboxMessages($status: String, $first: Int) {
    outboxMessages(status: $status, first: $first) {
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
`;

export const RETRY_OUTBOX_MESSAGE: TypedDocumentNode<
  RetryOutboxMessageMutation,
  RetryOutboxMessageMutationVariables
> = gql`
  mutation RetryOutboxMessage($input: RetryOutboxMessageInput!) {
    retryOutboxMessage(input: $input) {
      message {
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
      userErrors {
        field
        code
        message
        params
      }
    }
  }
`;

export type InboundEmail = InboundEmailsQuery['inboundEmails'][number];

export const INBOUND_EMAILS: TypedDocumentNode<InboundEmailsQuery, InboundEmailsQueryVariables> = gql`
  query InboundEmails($status: String, $first: Int) {
    inboundEmails(status: $status, first: $first) {
      id
      receivedAt
      sender
      subject
      status
      trackingNumbers
      orderReferences
      reason
      reasons {
        code
        message
        params
      }
      bodyText
    }
  }
`;

export const INBOUND_EMAIL_LINES: TypedDocumentNode<InboundEmailLinesQuery, InboundEmailLinesQueryVariables> =
  gql`
    query InboundEmailLines($id: ID!, $reference: String) {
      inboundEmail(id: $id) {
        id
        lines(reference: $reference) {
          id
          sku
          productName
          status
        }
      }
    }
  `;

export const APPLY_INBOUND_EMAIL: TypedDocumentNode<
  ApplyInboundEmailMutation,
  ApplyInboundEmailMutationVariables
> = gql`
  mutation ApplyInboundEmail($input: ApplyInboundEmailInput!) {
    applyInboundEmail(input: $input) {
      inboundEmail {
        id
        status
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

export const DISMISS_INBOUND_EMAIL: TypedDocumentNode<
  DismissInboundEmailMutation,
  DismissInboundEmailMutationVariables
> = gql`
  mutation DismissInboundEmail($input: DismissInboundEmailInput!) {
    dismissInboundEmail(input: $input) {
      inboundEmail {
        id
        status
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
