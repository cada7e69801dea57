import type { CaseRecord } from '../domain';
import { caseView } from './views';

const summary = { questionLo: 'ນ້ຳປະປາບໍ່ໄຫຼ', answerLo: 'ສ້ອມແປງແລ້ວ', questionEn: 'No water', answerEn: 'Repaired' };
const record = (overrides: Partial<CaseRecord>) =>
  ({
    number: '1516-K7Q4-M9XN-0',
    kind: 'complaint',
    topic: 'water-supply',
    description: 'ນ້ຳປະປາບໍ່ໄຫຼມາ 3 ມື້ແລ້ວ',
    state: 'RESPONDED',
    channel: 'open311',
    identity: 'anonymous',
    actions: [],
    createdAt: new Date(),
    updatedAt: new Date(),
    ...overrides,
  }) as CaseRecord;

describe('a case as its reader sees it', () => {
  it('carries its answer once published, as its merged cases do', () => {
    expect(caseView(record({ publishedSummary: summary, publishedAt: null }), false)).not.toHaveProperty('answer');
    expect(
      caseView(record({ state: 'PUBLISHED', publishedSummary: summary, publishedAt: new Date() }), false),
    ).toMatchObject({
      answer: summary,
    });
  });
});
