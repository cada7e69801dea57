import { templateVariables } from './message';

describe('templateVariables', () => {
  it('flattens nested payload values with underscores', () => {
    expect(
      templateVariables({ uin: '2947508361', displayName: { lo: 'ສົມພອນ', en: 'Somphone' }, to: { grade: '4-1' } }),
    ).toEqual({
      uin: '2947508361',
      displayName_lo: 'ສົມພອນ',
      displayName_en: 'Somphone',
      to_grade: '4-1',
    });
  });
});
