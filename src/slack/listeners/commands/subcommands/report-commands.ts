import type { MentorCommand } from '../../../../domain/command-parser.ts';
import { section } from '../../../surfaces/blocks.ts';
import { reportAck } from '../../../surfaces/outcome-report-view.ts';
import { programSwitch } from '../../../surfaces/program-choice.ts';
import { EXPORT_PREPARING } from '../../../surfaces/report-view.ts';
import { deliverExport } from '../../reports/export-upload.ts';
import { deliverFullReport } from '../../reports/report-charts.ts';
import { programPick, type Subcommand } from './types.ts';

/**
 * `/mentor report [program]`: today's program health in the ack (a few counting queries), then the
 * charts and the outcome figures replace it once drawn. An admin of several programs can switch.
 */
export const report: Subcommand<Extract<MentorCommand, { kind: 'report' }>> = async (ctx, command) => {
  const { rt, actor } = ctx;
  const scoped = await rt.services.reports.forAdmin(actor, programPick(ctx, command.program));
  const switcher = programSwitch(scoped.choices, scoped.program, 'report');
  return {
    ...reportAck(scoped.health, switcher),
    // The full report shows the same health as the ack, read once.
    afterAck: () => deliverFullReport(rt, actor, { programId: scoped.program.id }, switcher, scoped),
  };
};

/** `/mentor export [program]`: refused in the ack for non-admins; otherwise acked at once, the files follow. */
export const exportData: Subcommand<Extract<MentorCommand, { kind: 'export' }>> = async (ctx, command) => {
  const { rt, actor } = ctx;
  const { program, choices } = await rt.services.reports.exportTarget(actor, programPick(ctx, command.program));
  const switcher = programSwitch(choices, program, 'export');
  return {
    text: EXPORT_PREPARING,
    ...(switcher.length > 0 ? { blocks: [section(EXPORT_PREPARING), ...switcher] } : {}),
    afterAck: () => deliverExport(rt, actor, { programId: program.id }),
  };
};
