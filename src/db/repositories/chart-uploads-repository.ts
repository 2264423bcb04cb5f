import type { Kysely } from 'kysely';
import type { ChartUpload, Database } from '../schema.ts';

export interface ChartKey {
  programId: number;
  kind: string;
  day: string;
}

/** Today's upload of one chart of a program, finished or still being made. */
export function chartUpload(db: Kysely<Database>, key: ChartKey): Promise<ChartUpload | undefined> {
  return db
    .selectFrom('chart_uploads')
    .selectAll()
    .where('program_id', '=', key.programId)
    .where('kind', '=', key.kind)
    .where('day', '=', key.day)
    .executeTakeFirst();
}

/** The charts of a program already uploaded for `day` (finished uploads only). */
export function finishedChartUploads(db: Kysely<Database>, programId: number, day: string): Promise<ChartUpload[]> {
  return db.selectFrom('chart_uploads').selectAll().where('program_id', '=', programId).where('day', '=', day).where('file_id', 'is not', null).execute();
}

/**
 * Claims the right to render and upload one chart for the day: the row when this call claimed it
 * (a new row, or an unfinished claim older than `staleBefore` taken over), undefined when the chart
 * is already uploaded or someone else is making it right now.
 */
export function claimChartUpload(db: Kysely<Database>, key: ChartKey & { teamId: string; claimedAt: Date; staleBefore: Date }): Promise<ChartUpload | undefined> {
  return db
    .insertInto('chart_uploads')
    .values({ team_id: key.teamId, program_id: key.programId, kind: key.kind, day: key.day, claimed_at: key.claimedAt })
    .onConflict((oc) =>
      oc
        .columns(['program_id', 'kind', 'day'])
        .doUpdateSet({ claimed_at: key.claimedAt })
        .where('chart_uploads.file_id', 'is', null)
        .where('chart_uploads.claimed_at', '<', key.staleBefore),
    )
    .returningAll()
    .executeTakeFirst();
}

/** Records the uploaded file on this caller's claim; false when the claim was taken over meanwhile. */
export async function completeChartUpload(db: Kysely<Database>, key: ChartKey & { claimedAt: Date; fileId: string; altText: string }): Promise<boolean> {
  const result = await db
    .updateTable('chart_uploads')
    .set({ file_id: key.fileId, alt_text: key.altText })
    .where('program_id', '=', key.programId)
    .where('kind', '=', key.kind)
    .where('day', '=', key.day)
    .where('claimed_at', '=', key.claimedAt)
    .where('file_id', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Gives up this caller's unfinished claim (the render or upload failed), so the next request tries again. */
export async function releaseChartUpload(db: Kysely<Database>, key: ChartKey & { claimedAt: Date }): Promise<void> {
  await db
    .deleteFrom('chart_uploads')
    .where('program_id', '=', key.programId)
    .where('kind', '=', key.kind)
    .where('day', '=', key.day)
    .where('claimed_at', '=', key.claimedAt)
    .where('file_id', 'is', null)
    .execute();
}

/** Forgets one chart's uploads from days before `day`: only today's file is ever shown. */
export async function pruneChartUploads(db: Kysely<Database>, key: ChartKey): Promise<void> {
  await db.deleteFrom('chart_uploads').where('program_id', '=', key.programId).where('kind', '=', key.kind).where('day', '<', key.day).execute();
}
