import type { EntityManager, MikroORM } from '@mikro-orm/core';
import { ProjectorLeaseSchema } from '../../projections/projector-lease.entity';
import { rowSqlOf } from '../../projections/row-sql';

/** Renews a held lease; a row comes back only when this holder still had it (SQLite and PostgreSQL both read RETURNING). */
const RENEW_SQL = 'update projector_lease set "expires_at" = ? where "name" = ? and "holder" = ? returning "name"';

/** The lease was taken over by another projector: the batch in progress must not commit. */
export class LeaseLostError extends Error {
  override readonly name = 'LeaseLostError';
  constructor(holder: string) {
    super(`projector lease lost by ${holder}: another projector took over`);
  }
}

/**
 * A lease in the read-model database that lets one projector process write at a time. Taking it
 * is one conditional UPDATE (or the first INSERT), so two processes racing for it cannot both win.
 */
export class ProjectorLease {
  /** When this process last took or renewed the lease outside a batch (clock ms); null: ask the database. */
  private confirmedAt: number | null = null;

  constructor(
    private readonly orm: MikroORM,
    /** Who asks: unique per process. */
    readonly holder: string,
    /** How long a holder that stopped renewing keeps the lease, ms. */
    private readonly ttlMs: number,
    private readonly clock: () => number = Date.now,
    /** Which lease: `projector` (the projection runner) or another job that must run once (`webhook-dispatcher`). */
    readonly name: string = 'projector',
  ) {}

  /**
   * Takes or renews the lease; false while another holder's lease runs. A lease taken or renewed
   * here less than a quarter of its time ago is still ours, and is not written again: the projector
   * asks before every catch-up, many times a second under load. That saves no safety: every batch
   * renews the lease inside its own transaction ({@link renewWithin}) and rolls back if it was lost.
   */
  async tryAcquire(): Promise<boolean> {
    const now = this.clock();
    if (this.confirmedAt !== null && now - this.confirmedAt < this.ttlMs / 4) return true;
    this.confirmedAt = null;
    const held = await this.takeOrRenew(now);
    if (held) this.confirmedAt = now;
    return held;
  }

  /** Forgets that the lease was held: the next `tryAcquire` asks the database (after a batch found it lost). */
  forget(): void {
    this.confirmedAt = null;
  }

  private async takeOrRenew(now: number): Promise<boolean> {
    const em = this.orm.em.fork();
    const taken = await em.nativeUpdate(
      ProjectorLeaseSchema,
      { name: this.name, $or: [{ holder: this.holder }, { expiresAt: { $lt: String(now) } }] },
      { holder: this.holder, expiresAt: String(now + this.ttlMs) },
    );
    if (taken === 1) return true;
    if ((await em.count(ProjectorLeaseSchema, { name: this.name })) > 0) return false;
    try {
      await em.insert(ProjectorLeaseSchema, { name: this.name, holder: this.holder, expiresAt: String(now + this.ttlMs) });
      return true;
    } catch {
      return false; // another process inserted it first
    }
  }

  /** Inside a batch's transaction: renews the lease or throws LeaseLostError (and the batch rolls back). */
  async renewWithin(em: EntityManager): Promise<void> {
    // Plain SQL (prepared once per connection on SQLite): this runs with every batch.
    const renewed = await rowSqlOf(em).all(em, RENEW_SQL, [String(this.clock() + this.ttlMs), this.name, this.holder]);
    if (renewed.length !== 1) {
      this.forget();
      throw new LeaseLostError(this.holder);
    }
  }

  /** Gives the lease up at once (a clean stop), so a standby need not wait for it to expire. */
  async release(): Promise<void> {
    this.forget();
    await this.orm.em.fork().nativeDelete(ProjectorLeaseSchema, { name: this.name, holder: this.holder });
  }
}
