/**
 * The mobile shapes are exactly the contract's fields, with no `meta`: the optional parts that
 * were dropped are named in this response header instead (e.g. `X-Degraded: availability`).
 */
export const DEGRADED_HEADER = 'X-Degraded';

export const DEGRADED_HEADER_DOC = {
  description: 'Optional parts left out of this answer, comma-separated (e.g. availability)',
  schema: { type: 'string', example: 'availability' },
};
