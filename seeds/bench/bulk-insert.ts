import type pg from 'pg';

/** A column of a bulk insert: its name, the PostgreSQL type of its values, and optionally a conversion. */
export interface BulkColumn {
  name: string;
  /** Element type of the array the values travel in: `uuid`, `text`, `numeric`, `int8`, an enum type… */
  type: string;
  /** SQL computing the stored value from `r."<name>"` when it is not the value itself (e.g. text → text[]). */
  expression?: string;
}

export type BulkValue = string | number | boolean | null;

/** SQL turning milliseconds since 1970 (an `int8` column) into a timestamptz, exactly. */
export function fromEpochMillis(column: string): string {
  return `timestamptz 'epoch' + r."${column}" * interval '1 millisecond'`;
}

/**
 * Loads generated rows over one connection: each table buffers rows and inserts a batch at a time as one
 * `insert … select from unnest(<arrays>)` (one parameter per column whatever the number of rows). A statement is
 * sent without waiting for its result, so PostgreSQL inserts while the generator builds the next rows; the next
 * statement waits for it, and statements run in the order they were sent.
 */
export class BulkLoader {
  private pending: Promise<void> = Promise.resolve();
  private failure: unknown = undefined;

  constructor(
    private readonly client: pg.ClientBase,
    private readonly batchSize = 10_000,
    /** Told the number of rows of each batch as it is sent (LoadProgress). */
    private readonly onRows: (rows: number) => void = () => undefined,
  ) {}

  /** A table to load; `parents` are flushed before each of its batches, so a row never precedes what it references. */
  table(name: string, columns: readonly BulkColumn[], parents: readonly BulkTable[] = []): BulkTable {
    return new BulkTable(this, name, columns, parents, this.batchSize);
  }

  /** Sends `sql` (`rows` rows) once the previous statement is done; resolves when it was sent, not when it finished. */
  async send(sql: string, values: unknown[], rows = 0): Promise<void> {
    await this.drain();
    this.onRows(rows);
    this.pending = this.client.query(sql, values).then(
      () => undefined,
      (error: unknown) => {
        this.failure ??= error;
      },
    );
  }

  /** Waits for the statement in flight; throws the first error any statement met. */
  async drain(): Promise<void> {
    await this.pending;
    if (this.failure !== undefined) throw this.failure;
  }
}

/** The rows of one table on their way in through a `BulkLoader`. */
export class BulkTable {
  private readonly buffers: BulkValue[][];
  private sent = 0;

  constructor(
    private readonly loader: BulkLoader,
    readonly table: string,
    private readonly columns: readonly BulkColumn[],
    private readonly parents: readonly BulkTable[],
    private readonly batchSize: number,
  ) {
    this.buffers = columns.map(() => []);
  }

  async add(row: readonly BulkValue[]): Promise<void> {
    if (row.length !== this.columns.length) throw new Error(`${this.table}: ${row.length} values for ${this.columns.length} columns`);
    for (let i = 0; i < row.length; i += 1) this.buffers[i].push(row[i]);
    if (this.buffers[0].length >= this.batchSize) await this.flush();
  }

  /** Sends the buffered rows, after the parents' buffered rows. */
  async flush(): Promise<void> {
    for (const parent of this.parents) await parent.flush();
    if (this.buffers[0].length === 0) return;
    const values = this.buffers.map((buffer) => buffer.splice(0));
    this.sent += values[0].length;
    await this.loader.send(this.sql(), values, values[0].length);
  }

  /** Flushes, waits until every row is in, and returns how many rows the table received. */
  async finish(): Promise<number> {
    await this.flush();
    await this.loader.drain();
    return this.sent;
  }

  private sql(): string {
    const names = this.columns.map((column) => `"${column.name}"`).join(', ');
    const arrays = this.columns.map((column, index) => `$${index + 1}::${column.type}[]`).join(', ');
    const selected = this.columns.map((column) => column.expression ?? `r."${column.name}"`).join(', ');
    return `insert into "${this.table}" (${names}) select ${selected} from unnest(${arrays}) as r(${names})`;
  }
}

/**
 * Runs `load` with the foreign keys and the secondary indexes of `tables` dropped, then puts them back. Building an
 * index once over all rows is several times faster than updating it row by row, and re-adding a foreign key
 * checks all rows in one join instead of one lookup per row (PostgreSQL manual, "Populating a Database"). Primary
 * keys and unique constraints stay. Inside a transaction, either everything is back or nothing happened.
 */
export async function withIndexesDeferred<T>(
  client: pg.ClientBase,
  tables: readonly string[],
  load: () => Promise<T>,
  progress: (message: string) => void = () => undefined,
): Promise<T> {
  const indexes = await client.query<{ name: string; definition: string }>(
    `select c.relname as name, pg_get_indexdef(i.indexrelid) as definition
       from pg_index i join pg_class c on c.oid = i.indexrelid
      where i.indrelid = any($1::text[]::regclass[])
        and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid and k.conrelid = i.indrelid)
      order by c.relname`,
    [tables],
  );
  const foreignKeys = await client.query<{ table: string; name: string; definition: string }>(
    `select conrelid::regclass::text as table, conname as name, pg_get_constraintdef(oid) as definition
       from pg_constraint
      where contype = 'f' and conrelid = any($1::text[]::regclass[])
      order by conname`,
    [tables],
  );
  for (const key of foreignKeys.rows) await client.query(`alter table ${key.table} drop constraint "${key.name}"`);
  for (const index of indexes.rows) await client.query(`drop index "${index.name}"`);
  const result = await load();
  await client.query(`set local maintenance_work_mem = '256MB'`);
  // Minutes at scale 10: say where it is.
  for (const [n, index] of indexes.rows.entries()) {
    await client.query(index.definition);
    if ((n + 1) % 10 === 0) progress(`${n + 1} of ${indexes.rows.length} indexes rebuilt`);
  }
  for (const [n, key] of foreignKeys.rows.entries()) {
    await client.query(`alter table ${key.table} add constraint "${key.name}" ${key.definition}`);
    if ((n + 1) % 10 === 0) progress(`${n + 1} of ${foreignKeys.rows.length} foreign keys checked`);
  }
  return result;
}
