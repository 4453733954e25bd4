import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ProblemDto } from './dto/response.dto';

const DESCRIPTIONS: Record<number, string> = {
  304: 'Not modified (If-None-Match matched the ETag)',
  400: 'Bad input: malformed JSON, failed validation or a bad query',
  401: 'Missing or invalid credentials',
  403: 'The token lacks a required scope',
  404: 'Not found',
  409: 'Conflict, e.g. stock short for some lines',
  413: 'Body over 100 KB',
  415: 'Body is not application/json',
  422: 'Idempotency-Key reused with another body',
  429: 'Rate limited; see Retry-After',
  502: 'A required upstream answered badly',
  503: "A required upstream's circuit is open, or the app is draining",
  504: 'A required upstream timed out',
};

/**
 * Documents the problem+json answers of a route.
 *
 * @example
 * @ApiProblems(400, 404, 502, 503, 504)
 * @Get('products/:id')
 */
export const ApiProblems = (...statuses: number[]) =>
  applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: DESCRIPTIONS[status] ?? 'Error',
        ...(status === 304 ? {} : { type: ProblemDto }),
      }),
    ),
    ApiResponse({ status: 429, description: DESCRIPTIONS[429], type: ProblemDto }),
  );
