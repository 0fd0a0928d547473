import { assertId, isUuid } from '../ids';

describe('ids', () => {
  it('takes any uuid PostgreSQL stores, whatever its version and variant bits', () => {
    // md5('…')::uuid, as seeds and imports make them: version 3 digit, variant digit e.
    expect(isUuid('f7cc4f45-71ce-39b1-e5e7-66e723774e12')).toBe(true);
    expect(isUuid('F7CC4F45-71CE-39B1-E5E7-66E723774E12')).toBe(true);
    expect(isUuid('00000000-0000-0000-0000-000000000000')).toBe(true);
    expect(assertId('6f1c0e9a-8d7b-4c3e-9f2a-0b1c2d3e4f5a', 'id')).toBe('6f1c0e9a-8d7b-4c3e-9f2a-0b1c2d3e4f5a');
  });

  it('refuses anything else as bad input naming the argument', () => {
    for (const value of ['not-a-uuid', 'f7cc4f4571ce39b1e5e766e723774e12', '{f7cc4f45-71ce-39b1-e5e7-66e723774e12}', 'f7cc4f45-71ce-39b1-e5e7-66e723774e1g', '']) {
      expect(isUuid(value)).toBe(false);
      expect(() => assertId(value, 'input.customerId')).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }));
    }
  });
});
