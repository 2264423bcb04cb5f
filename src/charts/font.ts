import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The one font every chart is drawn in, shipped as TrueType files in an npm package. */
export const CHART_FONT_FAMILY = 'DejaVu Sans';

/**
 * The font files, resolved inside node_modules. Charts never fall back to the machine's own
 * fonts, so a chart looks the same on a laptop, a server and in CI.
 */
export const CHART_FONT_FILES: readonly string[] = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((file) => require.resolve(`dejavu-fonts-ttf/ttf/${file}`));
