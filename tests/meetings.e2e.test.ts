import { seedDemoSalesIfEmpty } from '../seeds/demo-sales.seeder';
import { people, units, userId, type PersonName } from './fixtures/demo-people';
import { CREATE_MEETING, MEETING, MEETINGS, SET_ACTION_ITEM_STATUS, UPDATE_MEETING } from './graphql/reports.documents';
import { createTestApp, type Auth, type TestApp } from './support/test-app';

/**
 * Team and director meetings (P6): recorded by the head of the unit (or above) with attendees, minutes and action
 * items; visible to the unit's chain and the attendees; an item is closed by its owner or the chain.
 */
let app: TestApp;
const manager = userId(people.shanghai1Manager);
const rep = userId(people.shanghai1Rep);
const teammate = userId(people.shanghai1Teammate);

async function as(person: PersonName): Promise<Auth> {
  return { token: await app.tokenFor(people[person].email) };
}

beforeAll(async () => {
  app = await createTestApp();
  await seedDemoSalesIfEmpty(app.orm, app.config);
}, 120_000);

afterAll(() => app.close());

describe('meetings', () => {
  let meetingId: string;

  it('a team manager records his team’s meeting; action items’ owners become attendees', async () => {
    const response = await app.gql(
      CREATE_MEETING,
      {
        input: {
          kind: 'TEAM',
          orgUnitId: units.shanghai1,
          heldOn: '2026-11-30',
          title: '上海一组周例会',
          minutes: '回顾本周报价',
          attendeeIds: [manager, rep],
          actionItems: [
            { description: '提交临港报价', ownerId: rep, dueOn: '2026-12-04' },
            { description: '整理客户清单', ownerId: teammate, dueOn: '2026-12-07' },
          ],
        },
      },
      await as('shanghai1Manager'),
    );
    expect(response.errors).toBeUndefined();
    const meeting = response.data!.createMeeting;
    expect(meeting.attendees.map((user) => user.id).sort()).toEqual([manager, rep, teammate].sort());
    expect(meeting.actionItems.map((item) => [item.position, item.status, item.owner?.id])).toEqual([
      [1, 'OPEN', rep],
      [2, 'OPEN', teammate],
    ]);
    meetingId = meeting.id;
  });

  it('the chain and the attendees see it; a colleague who did not attend and other teams do not', async () => {
    for (const person of ['shanghai1Manager', 'shanghai1Rep', 'shanghai1Teammate', 'eastDirector', 'vp', 'admin'] as const) {
      const read = await app.gql(MEETING, { id: meetingId }, await as(person));
      expect({ person, errors: read.errors }).toEqual({ person, errors: undefined });
    }
    for (const person of ['shanghai2Manager', 'shanghai2Rep', 'northDirector', 'finance'] as const) {
      const read = await app.gql(MEETING, { id: meetingId }, await as(person));
      expect({ person, code: read.errors?.[0]?.extensions?.code }).toEqual({ person, code: 'NOT_FOUND' });
    }
    // Partners may not ask at all.
    expect((await app.gql(MEETING, { id: meetingId }, await as('partner'))).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const list = await app.gql(MEETINGS, { filter: { orgUnitId: units.shanghai1 } }, await as('shanghai1Teammate'));
    expect(list.data!.meetings.totalCount).toBe(1);
  });

  it('only heads of the unit or above record one: not another team, not a director meeting on a team, not an unknown attendee', async () => {
    const base = { kind: 'TEAM' as const, orgUnitId: units.shanghai1, heldOn: '2026-12-01', title: '会', attendeeIds: [manager] };
    const other = await app.gql(CREATE_MEETING, { input: base }, await as('shanghai2Manager'));
    expect(other.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_YOUR_MEETING' });
    const repCreates = await app.gql(CREATE_MEETING, { input: base }, await as('shanghai1Rep'));
    expect(repCreates.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const wrongKind = await app.gql(CREATE_MEETING, { input: { ...base, kind: 'DIRECTOR' } }, await as('shanghai1Manager'));
    expect(wrongKind.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'WRONG_UNIT_KIND', fields: [expect.objectContaining({ path: 'input.orgUnitId' })] });
    const partner = userId(people.partner);
    const outsider = await app.gql(CREATE_MEETING, { input: { ...base, attendeeIds: [manager, partner] } }, await as('shanghai1Manager'));
    expect(outsider.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ path: 'input.attendeeIds.1' })] });
    const director = await app.gql(CREATE_MEETING, { input: { ...base, kind: 'DIRECTOR', orgUnitId: units.east, attendeeIds: [userId(people.eastDirector), manager] } }, await as('eastDirector'));
    expect(director.errors).toBeUndefined();
  });

  it('the owner closes his item; a colleague may not; the manager reopens it; stale versions conflict', async () => {
    const meeting = (await app.gql(MEETING, { id: meetingId }, await as('shanghai1Rep'))).data!.meeting!;
    const [mine, theirs] = meeting.actionItems;
    const done = await app.gql(SET_ACTION_ITEM_STATUS, { id: mine.id, version: mine.version, status: 'DONE' }, await as('shanghai1Rep'));
    expect(done.data!.setActionItemStatus).toMatchObject({ status: 'DONE', doneAt: expect.any(String) });
    const notMine = await app.gql(SET_ACTION_ITEM_STATUS, { id: theirs.id, version: theirs.version, status: 'DONE' }, await as('shanghai1Rep'));
    expect(notMine.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_YOUR_MEETING' });
    const stale = await app.gql(SET_ACTION_ITEM_STATUS, { id: mine.id, version: mine.version, status: 'OPEN' }, await as('shanghai1Manager'));
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'STALE_VERSION' });
    const reopened = await app.gql(SET_ACTION_ITEM_STATUS, { id: mine.id, version: done.data!.setActionItemStatus.version, status: 'OPEN' }, await as('shanghai1Manager'));
    expect(reopened.data!.setActionItemStatus).toMatchObject({ status: 'OPEN', doneAt: null });
  });

  it('the manager updates the minutes and adds an item; attendees follow', async () => {
    const meeting = (await app.gql(MEETING, { id: meetingId }, await as('shanghai1Manager'))).data!.meeting!;
    const updated = await app.gql(
      UPDATE_MEETING,
      { id: meetingId, version: meeting.version, input: { minutes: '补充：年底回款', addActionItems: [{ description: '催收回款', ownerId: userId(people.shanghai1Manager), dueOn: '2026-12-20' }] } },
      await as('shanghai1Manager'),
    );
    expect(updated.errors).toBeUndefined();
    expect(updated.data!.updateMeeting.minutes).toBe('补充：年底回款');
    expect(updated.data!.updateMeeting.actionItems.map((item) => item.position)).toEqual([1, 2, 3]);
    const stale = await app.gql(UPDATE_MEETING, { id: meetingId, version: meeting.version, input: { title: '改' } }, await as('shanghai1Manager'));
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'STALE_VERSION' });
  });
});
