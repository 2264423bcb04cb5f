import {
  CompiledQuery,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';

/**
 * Lends `source`'s pooled connections to another Kysely, each wrapped so every statement sent
 * through it is recorded: queries built with Kysely, `sql` templates, and BEGIN, COMMIT and
 * ROLLBACK of transactions alike (a round trip each).
 */
class CountingDriver implements Driver {
  readonly statements: string[] = [];
  private readonly releases = new Map<DatabaseConnection, () => void>();

  constructor(private readonly source: Kysely<any>) {}

  async init(): Promise<void> {}

  acquireConnection(): Promise<DatabaseConnection> {
    return new Promise((resolve, reject) => {
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      this.source
        .getExecutor()
        .provideConnection(async (connection) => {
          const counted: DatabaseConnection = {
            executeQuery: <R>(query: CompiledQuery): Promise<QueryResult<R>> => {
              this.statements.push(query.sql);
              return connection.executeQuery<R>(query);
            },
            streamQuery: <R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> => {
              this.statements.push(query.sql);
              return connection.streamQuery<R>(query, chunkSize);
            },
          };
          this.releases.set(counted, release);
          resolve(counted);
          await held;
        })
        .catch(reject);
    });
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const level = settings.isolationLevel ? ` isolation level ${settings.isolationLevel}` : '';
    const mode = settings.accessMode ? ` ${settings.accessMode}` : '';
    await connection.executeQuery(CompiledQuery.raw(level || mode ? `start transaction${level}${mode}` : 'begin'));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    this.releases.get(connection)?.();
    this.releases.delete(connection);
  }

  async destroy(): Promise<void> {
    for (const release of this.releases.values()) release();
    this.releases.clear();
  }
}

export interface QueryCount<DB> {
  /** Use this handle in the code under test; it shares `source`'s connections. */
  db: Kysely<DB>;
  /** The SQL of every statement sent through `db`, in order. */
  statements: string[];
  reset(): void;
}

/**
 * Counts the statements (round trips) a piece of code sends to a PostgreSQL or PGlite database:
 * hand the code `count.db` in place of `db`, then read `count.statements`.
 */
export function countQueries<DB>(db: Kysely<DB>): QueryCount<DB> {
  const driver = new CountingDriver(db);
  const counted = new Kysely<DB>({
    dialect: {
      createDriver: () => driver,
      createAdapter: () => new PostgresAdapter(),
      createQueryCompiler: () => new PostgresQueryCompiler(),
      createIntrospector: (k) => new PostgresIntrospector(k),
    },
  });
  return { db: counted, statements: driver.statements, reset: () => void driver.statements.splice(0) };
}
