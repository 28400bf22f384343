/** How errors thrown by the services become Docker's status codes. */
import { describe, expect, it } from 'vitest';
import { ApiError, toApiError } from '../../../runtime/api/api-error.js';

class StatusError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }
}

function named(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

describe('toApiError', () => {
  it.each([
    {
      name: 'an ApiError as is',
      input: new ApiError(409, 'name in use'),
      status: 409,
      message: 'name in use',
    },
    {
      name: 'a statusCode field',
      input: new StatusError(404, 'No such image: x'),
      status: 404,
      message: 'No such image: x',
    },
    { name: 'a 304 statusCode', input: new StatusError(304, ''), status: 304, message: '' },
    { name: 'an unknown statusCode', input: new StatusError(418, 'teapot'), status: 500, message: 'teapot' },
    { name: 'a NotFoundError by name', input: named('NotFoundError', 'gone'), status: 404, message: 'gone' },
    { name: 'a ConflictError by name', input: named('ConflictError', 'busy'), status: 409, message: 'busy' },
    {
      name: 'a ValidationError by name',
      input: named('ValidationError', 'bad'),
      status: 400,
      message: 'bad',
    },
    { name: 'a plain Error', input: new Error('boom'), status: 500, message: 'boom' },
    { name: 'a thrown string', input: 'oops', status: 500, message: 'oops' },
  ])('maps $name', ({ input, status, message }) => {
    const error = toApiError(input);
    expect(error.statusCode).toBe(status);
    expect(error.message).toBe(message);
  });
});
