import { fieldTitle, localisedLayout, orderedFields } from './layout';

const schema = {
  type: 'object',
  required: ['companyName', 'goods'],
  properties: { goods: { type: 'string' }, notes: { type: 'string', title: 'Notes' }, companyName: { type: 'string' } },
};

describe('an eForm layout in the citizen language', () => {
  const layout = {
    'ui:order': ['companyName', '*', 'notes'],
    companyName: { 'ui:title': { lo: 'ຊື່ບໍລິສັດ', en: 'Company name' }, 'ui:help': { lo: 'ຕາມທະບຽນ' } },
    goods: { 'ui:widget': 'textarea', 'ui:options': { rows: 3, label: { lo: 'ສິນຄ້າ', en: 'Goods' } } },
  };

  it('says every text written in both languages in the one asked, keeping every other hint', () => {
    expect(localisedLayout(layout, schema, 'lo')).toEqual({
      'ui:order': ['companyName', '*', 'notes'],
      companyName: { 'ui:title': 'ຊື່ບໍລິສັດ', 'ui:help': 'ຕາມທະບຽນ' },
      goods: { 'ui:widget': 'textarea', 'ui:options': { rows: 3, label: 'ສິນຄ້າ' } },
    });
    // A text missing in English is shown in Lao rather than not at all.
    expect(localisedLayout(layout, schema, 'en').companyName).toEqual({
      'ui:title': 'Company name',
      'ui:help': 'ຕາມທະບຽນ',
    });
  });

  it('orders the fields as the required list does when the layout gives no order', () => {
    expect(localisedLayout(undefined, schema, 'en')['ui:order']).toEqual(['companyName', 'goods', '*']);
  });

  it("names a field by the layout's title, the schema's, else its name made readable", () => {
    const lo = localisedLayout(layout, schema, 'lo');
    expect(fieldTitle(lo, schema, 'companyName')).toBe('ຊື່ບໍລິສັດ');
    expect(fieldTitle(lo, schema, 'notes')).toBe('Notes');
    expect(fieldTitle(lo, schema, 'ownerName')).toBe('owner Name');
  });

  it('lists what was entered in the layout order, the rest where the star is', () => {
    expect(
      orderedFields({ 'ui:order': ['companyName', '*', 'notes'] }, { notes: 1, goods: 2, x: 3, companyName: 4 }),
    ).toEqual(['companyName', 'goods', 'x', 'notes']);
  });
});
