import { reviewChain, scoreLine } from '../appraisals.scoring';

describe('scoreLine', () => {
  it('scores achievement in percent, capped', () => {
    expect(scoreLine({ target: '100000', actual: '85000', capPercent: '120' })).toEqual({ ratePercent: '85.00', computedScore: '85.00' });
    expect(scoreLine({ target: '100000', actual: '150000', capPercent: '120' })).toEqual({ ratePercent: '150.00', computedScore: '120.00' });
    expect(scoreLine({ target: '3', actual: '2', capPercent: '120' })).toEqual({ ratePercent: '66.67', computedScore: '66.67' });
  });

  it('does not score a line without a target', () => {
    expect(scoreLine({ target: null, actual: '5', capPercent: '120' })).toEqual({ ratePercent: null, computedScore: null });
    expect(scoreLine({ target: '0', actual: '5', capPercent: '120' })).toEqual({ ratePercent: null, computedScore: null });
  });
});

describe('reviewChain', () => {
  it('a rep is reviewed by the team head and confirmed by the region head', () => {
    expect(reviewChain(['tm', 'rd', 'vp'], 'rep')).toEqual({ reviewerId: 'tm', confirmerId: 'rd' });
  });

  it('a unit head is reviewed by the next head up', () => {
    expect(reviewChain(['tm', 'rd', 'vp'], 'tm')).toEqual({ reviewerId: 'rd', confirmerId: 'vp' });
  });

  it('nobody above: no confirmer (admins confirm)', () => {
    expect(reviewChain(['vp'], 'kam')).toEqual({ reviewerId: 'vp', confirmerId: null });
    expect(reviewChain(['rd', 'rd', 'vp'], 'rep')).toEqual({ reviewerId: 'rd', confirmerId: 'vp' });
  });
});
