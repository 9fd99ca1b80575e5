/**
 * Spring-style paging: `page` 0-based (default 0), `size` default 20, sizes above the maximum
 * clamped silently, the response's `size` the one used. The spec makes both integers; Spring
 * also refuses a negative page and a size below 1.
 */
import { ApiFailure } from '../core/api-failure.js';
import { VALIDATION_ERROR } from '../core/openapi/request-validator.js';

export const DEFAULT_PAGE_SIZE = 20;

export interface PageRequest {
  readonly page: number;
  readonly size: number;
  readonly offset: number;
}

export interface Page<T> {
  readonly content: ReadonlyArray<T>;
  readonly totalElements: number;
  readonly totalPages: number;
  readonly size: number;
  readonly number: number;
}

export function pageRequest(query: Readonly<Record<string, unknown>>, maxPageSize: number): PageRequest {
  const page = (query.page as number | undefined) ?? 0;
  const asked = (query.size as number | undefined) ?? DEFAULT_PAGE_SIZE;
  const errors = [
    ...(page < 0 ? [{ code: VALIDATION_ERROR, message: 'page: must be 0 or more' }] : []),
    ...(asked < 1 ? [{ code: VALIDATION_ERROR, message: 'size: must be 1 or more' }] : []),
  ];
  if (errors.length > 0) throw new ApiFailure({ status: 400, errors });
  const size = Math.min(asked, maxPageSize);
  return { page, size, offset: page * size };
}

export const pageOf = <T>(content: ReadonlyArray<T>, total: number, request: PageRequest): Page<T> => ({
  content,
  totalElements: total,
  totalPages: Math.ceil(total / request.size),
  size: request.size,
  number: request.page,
});
