import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An order's searchable text, folded (lower case, no accents): what a search's trigrams are checked against. */
@Entity({ name: 'order_search' })
export class OrderSearchEntity {
  @PrimaryColumn({ type: 'integer' })
  orderId: number;

  @Column({ type: 'integer' })
  partnerId: number;

  /** Reference, customer name and customer email, folded, one per line. */
  @Column({ type: 'text' })
  text: string;

  /** The order's tracking numbers, folded, one per line. */
  @Column({ type: 'text' })
  tracking: string;
}

/**
 * One trigram of an order's searchable text (a hash of three folded characters): the index a search by any
 * part of a reference, name, email or tracking number is served from. Keyed by gram first, so a search reads
 * only the orders that have its rarest gram; then partner, so a partner's search reads only its own.
 */
@Entity({ name: 'search_gram' })
export class SearchGramEntity {
  @PrimaryColumn({ type: 'integer' })
  gram: number;

  @PrimaryColumn({ type: 'integer' })
  partnerId: number;

  @PrimaryColumn({ type: 'integer' })
  orderId: number;
}
