import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'app_user' })
export class UserEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Index('uq_app_user_email', { unique: true })
  @Column({ type: 'varchar', length: 254 })
  email: string;

  /** ADMIN | SUPPORT */
  @Column({ type: 'varchar', length: 16 })
  role: string;

  /** scrypt$N$r$p$salt$hash */
  @Column({ type: 'varchar', length: 255 })
  passwordHash: string;

  @Column({ type: 'datetime' })
  createdAt: Date;

  @Column({ type: 'datetime', nullable: true })
  disabledAt: Date | null;
}
