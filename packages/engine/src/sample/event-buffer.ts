/** A value that is absent in a nullable integer column of the buffer. */
export const NONE = -1;

/** One generated event as codes; `NONE` marks a NULL. */
export interface EventRow {
  user: number;
  anon: number;
  session: number;
  event: number;
  /** Seconds since the start of the sample window. */
  t: number;
  path: number;
  pathParam: number;
  plan: number;
  country: number;
  device: number;
  revenueCents: number;
}

const COLUMNS = [
  'user',
  'anon',
  'session',
  'event',
  't',
  'path',
  'pathParam',
  'plan',
  'country',
  'device',
  'revenueCents',
] as const;

/** The columns of an event buffer, in order. */
export type EventColumn = (typeof COLUMNS)[number];

/** A growable columnar store of generated events (Int32 per column), in generation order. */
export class EventBuffer {
  static readonly columns = COLUMNS;
  private data: Record<EventColumn, Int32Array>;
  private size = 0;

  constructor(capacity = 1 << 16) {
    this.data = EventBuffer.allocate(capacity);
  }

  /** Number of events stored. */
  get length(): number {
    return this.size;
  }

  /** Adds one event. */
  push(row: EventRow): void {
    if (this.size === this.data.t.length) this.grow();
    const i = this.size++;
    for (const column of COLUMNS) this.data[column][i] = row[column];
  }

  /** The stored values of one column (a view, valid until the next push). */
  column(name: EventColumn): Int32Array {
    return this.data[name].subarray(0, this.size);
  }

  private grow(): void {
    const next = EventBuffer.allocate(this.data.t.length * 2);
    for (const column of COLUMNS) next[column].set(this.data[column]);
    this.data = next;
  }

  private static allocate(capacity: number): Record<EventColumn, Int32Array> {
    return Object.fromEntries(COLUMNS.map((c) => [c, new Int32Array(capacity)])) as Record<
      EventColumn,
      Int32Array
    >;
  }
}
