// `POST /containers/{id}/rename`: Docker's answers (400 no name or the same name, 409 taken).
import { describe, expect, it } from 'vitest';
import { renamedName } from '../../../runtime/containers/rename-container.js';

const RECORDS = [
  { Id: 'a'.repeat(64), Name: '/web' },
  { Id: 'b'.repeat(64), Name: '/db' },
];
const [web] = RECORDS as [{ Id: string; Name: string }];

describe('renamedName', () => {
  it('gives the stored form of a free name', () => {
    expect(renamedName(RECORDS, web, 'front')).toBe('/front');
  });

  it.each([
    { name: 'no name', requested: undefined, status: 400 },
    { name: 'the current name', requested: 'web', status: 400 },
    { name: 'an invalid name', requested: '-x', status: 400 },
    { name: "another container's name", requested: 'db', status: 409 },
  ])('refuses $name', ({ requested, status }) => {
    expect(() => renamedName(RECORDS, web, requested)).toThrow(
      expect.objectContaining({ statusCode: status }),
    );
  });
});
