/** A page of a cursor-paginated list; `nextCursor` is null on the last page. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** The answer of a batch lookup: unknown ids are left out. */
export interface Batch<T> {
  items: T[];
}

/** Page size bounds shared by every list route of the platform. */
export const PAGE_LIMIT = { min: 1, max: 100, default: 20 } as const;

/** Most ids one batch call may carry. */
export const MAX_BATCH_IDS = 100;
