import { decodeEventCursor, encodeEventCursor, isLegacyCursor, settledPrefix } from '../event-stream';

describe('event cursors', () => {
  it('carry the writing transaction, the position and the time, and read back the same', () => {
    const cursor = encodeEventCursor({ transactionId: '18446744073709551615', position: '9223372036854775807', occurredAt: new Date(1796472538565) });
    expect(decodeEventCursor(cursor)).toEqual({ transactionId: '18446744073709551615', position: '9223372036854775807', occurredAt: 1796472538565 });
  });

  it('read a cursor of the earlier format (position and time) as one', () => {
    const legacy = decodeEventCursor(Buffer.from('42:1796472538565').toString('base64url'));
    expect(isLegacyCursor(legacy)).toBe(true);
    expect(legacy).toEqual({ position: '42', occurredAt: 1796472538565 });
  });

  it.each([
    ['not base64 of a cursor', 'hello'],
    ['a position beyond 64 bits', Buffer.from('1:9223372036854775808:1').toString('base64url')],
    ['an xid beyond 64 bits', Buffer.from('18446744073709551616:1:1').toString('base64url')],
    ['words where numbers go', Buffer.from('x:y:z').toString('base64url')],
    ['an empty string', ''],
  ])('refuse %s as BAD_USER_INPUT at the argument', (_what, cursor) => {
    expect(() => decodeEventCursor(cursor, 'from')).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ path: 'from' })] }) }));
  });
});

describe('settledPrefix', () => {
  it('takes the settled events up to the first one still waiting for an older transaction', () => {
    const rows = [{ settled: true, n: 1 }, { settled: true, n: 2 }, { settled: false, n: 3 }, { settled: true, n: 4 }];
    expect(settledPrefix(rows).map((row) => row.n)).toEqual([1, 2]);
    expect(settledPrefix([{ settled: false }])).toEqual([]);
    expect(settledPrefix([])).toEqual([]);
  });
});
