// The layering of src/, checked by `npm run lint:deps` (dependency-cruiser). Type-only imports
// count like any other (a layer that may not know another may not know its types either), except
// that passing a Kysely handle by type does not build a query.

/** The bot and the command-line tools behind the npm scripts. */
const ENTRY_POINTS = '^src/(main\\.ts|.+-cli\\.ts)$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment: 'src/domain holds pure rules: it knows no Slack, no database, no services and no scheduler.',
      from: { path: '^src/domain/' },
      to: { path: '^src/(slack|db|services|scheduler)/' },
    },
    {
      name: 'domain-has-no-io',
      severity: 'error',
      comment: 'src/domain takes its inputs as values: no Slack SDK, no Kysely, no database driver, no cron.',
      from: { path: '^src/domain/' },
      to: { path: 'node_modules/(@slack/|kysely/|pg/|@electric-sql/|node-cron/)' },
    },
    {
      name: 'slack-does-not-reach-the-database',
      severity: 'error',
      comment:
        'src/slack reaches data only through services; row types come to it as service or domain types, not from src/db.',
      from: { path: '^src/slack/' },
      to: { path: ['^src/db/', 'node_modules/(kysely|pg|@electric-sql)/'] },
    },
    {
      name: 'scheduler-owns-its-ports',
      severity: 'error',
      comment:
        'src/scheduler defines the ports it needs (composer, outbound message, error policy); src/slack implements them and src/bot.ts wires them.',
      from: { path: '^src/scheduler/' },
      to: { path: '^src/(slack|services)/' },
    },
    {
      name: 'only-repositories-build-queries',
      severity: 'error',
      comment:
        "Kysely's query-building API (sql, new Kysely, expression helpers) is imported only by repositories, the connection and migration code of src/db, and migrations/. Elsewhere a db or transaction handle is passed through by type only.",
      from: { pathNot: ['^src/db/repositories/', '^src/db/(database|migrate)\\.ts$', '^migrations/'] },
      to: { path: 'node_modules/kysely/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A circle makes two modules one; split out what both need.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-orphans',
      severity: 'error',
      comment: 'A module nothing imports and that imports nothing is dead code.',
      from: { orphan: true, path: '^src/', pathNot: ['\\.d\\.ts$'] },
      to: {},
    },
    {
      name: 'reachable-from-an-entry-point',
      severity: 'error',
      comment:
        'Every module of src/ is used by the bot (src/main.ts) or a command-line tool (src/**/*-cli.ts: npm run migrate, npm run sweep, …); anything else is dead code.',
      from: { path: ENTRY_POINTS },
      to: { path: '^src/', pathNot: ['\\.d\\.ts$', ENTRY_POINTS], reachable: false },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that resolves to nothing fails at run time.',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'no-dev-dependencies-in-src',
      severity: 'error',
      comment: 'The bot runs with production dependencies only.',
      from: { path: '^src/' },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.json'],
    },
    cache: false,
  },
};
