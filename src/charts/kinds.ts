/** The charts of a program's report, in the order they are shown. Kept apart from the renderer, which loads Vega only when a chart is drawn. */
export type ChartKind = 'sessions_per_week' | 'loop_closure' | 'pulse' | 'outcomes' | 'results';
export const CHART_KINDS: readonly ChartKind[] = ['sessions_per_week', 'loop_closure', 'pulse', 'outcomes', 'results'];
