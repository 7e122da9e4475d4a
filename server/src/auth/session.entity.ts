import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A signed-in staff browser. The cookie holds the token; the table only its hash. */
@Entity({ name: 'session' })
export class SessionEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  tokenHash: string;

  @Index('ix_session_user')
  @Column({ type: 'integer' })
  userId: number;

  @Column({ type: 'datetime' })
  createdAt: Date;

  @Index('ix_session_expires')
  @Column({ type: 'datetime' })
  expiresAt: Date;
}
