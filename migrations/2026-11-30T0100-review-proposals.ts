import { sql, type Kysely } from 'kysely';

// A review is a conversation between the two members: "what next" is written down beside "what was
// achieved", and extending or concluding the pairing is a proposal the partner agrees to (or asks
// to talk about). "Continue" and the reviews recorded before proposals existed took effect at once.
// Each pairing has at most one proposal waiting; a newer review or an admin's decision replaces it.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table pair_reviews
      add column next_steps text not null default '' check (length(next_steps) <= 3000),
      add column status text not null default 'applied' check (status in ('applied', 'pending', 'agreed', 'talk', 'replaced')),
      add column decided_by text,
      add column decided_at timestamptz,
      add constraint pair_reviews_pending_is_proposal check (status <> 'pending' or decision in ('extend', 'conclude')),
      add constraint pair_reviews_decided_together check ((decided_by is null) = (decided_at is null)),
      add constraint pair_reviews_decided_when_settled check ((status in ('applied', 'pending')) = (decided_at is null)),
      add constraint pair_reviews_partner_decides check (status not in ('agreed', 'talk') or decided_by <> reviewed_by);
    create unique index pair_reviews_one_pending on pair_reviews (pair_id) where status = 'pending';
    create index pair_reviews_latest on pair_reviews (pair_id, id desc);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop index pair_reviews_latest;
    drop index pair_reviews_one_pending;
    alter table pair_reviews
      drop constraint pair_reviews_partner_decides,
      drop constraint pair_reviews_decided_when_settled,
      drop constraint pair_reviews_decided_together,
      drop constraint pair_reviews_pending_is_proposal,
      drop column decided_at,
      drop column decided_by,
      drop column status,
      drop column next_steps;
  `.execute(db);
}
