import { complaintErrors } from './complaint-form';

const TOPICS = ['water-supply', 'roads'];
const PROVINCES = ['01', '02'];
const valid = { kind: 'complaint', topic: 'water-supply', description: 'ນ້ຳປະປາບໍ່ໄຫຼມາ 3 ມື້ແລ້ວ' };

describe('a complaint form checked before the feedback block is asked', () => {
  it('takes a whole form', () => {
    expect(
      complaintErrors(
        'lo',
        { ...valid, province: '01', district: '0101', contactPhone: '+8562055512345' },
        TOPICS,
        PROVINCES,
      ),
    ).toEqual({});
  });

  it('names each problem, in the language of the page', () => {
    const errors = complaintErrors(
      'lo',
      { kind: 'rant', topic: 'x', description: 'ສັ້ນ', district: '99', contactPhone: '12' },
      TOPICS,
      PROVINCES,
    );
    expect(Object.keys(errors).sort()).toEqual([
      'contactPhone',
      'description',
      'district',
      'kind',
      'province',
      'topic',
    ]);
    expect(errors.description).toBe('ລາຍລະອຽດຕ້ອງມີ 10 ຫາ 5000 ຕົວອັກສອນ');
    expect(complaintErrors('en', { ...valid, description: 'short' }, TOPICS, PROVINCES).description).toBe(
      'The description needs 10 to 5000 characters',
    );
  });

  it('counts Lao characters, not bytes, and wants a district of the province given', () => {
    expect(complaintErrors('lo', { ...valid, description: 'ນ້ຳປະປາບໍ່ໄຫຼ' }, TOPICS, PROVINCES)).toEqual({});
    expect(complaintErrors('lo', { ...valid, province: '02', district: '0101' }, TOPICS, PROVINCES)).toHaveProperty(
      'district',
    );
  });
});
