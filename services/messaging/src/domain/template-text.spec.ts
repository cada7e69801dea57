import { InvalidTemplateError, MissingVariablesError, render, variablesOf } from './template-text';

describe('template rendering (ICU messages)', () => {
  it('fills variables and chooses plural forms, in English and Lao', () => {
    const en = 'Your application {code} is due in {days, plural, one {# working day} other {# working days}}.';
    expect(render(en, 'en', { code: 'K7Q-2M4', days: 1 })).toBe('Your application K7Q-2M4 is due in 1 working day.');
    expect(render(en, 'en', { code: 'K7Q-2M4', days: 3 })).toBe('Your application K7Q-2M4 is due in 3 working days.');
    expect(render('ຄຳຮ້ອງ {code} ຈະແລ້ວໃນ {days, plural, other {# ວັນລັດຖະການ}}', 'lo', { code: 'K7Q', days: 3 })).toBe(
      'ຄຳຮ້ອງ K7Q ຈະແລ້ວໃນ 3 ວັນລັດຖະການ',
    );
  });

  it('names the variables a template needs, including inside plural forms', () => {
    expect(variablesOf('{a} {n, plural, one {{b}} other {{c}}}', 'en').sort()).toEqual(['a', 'b', 'c', 'n']);
  });

  it('refuses missing variables and broken templates', () => {
    expect(() => render('Code {code}', 'en', {})).toThrow(MissingVariablesError);
    expect(() => render('Code {code', 'en', { code: 1 })).toThrow(InvalidTemplateError);
  });

  it("renders an event's absent optional field as empty, when asked, and trims what it leaves", () => {
    const sentBack = 'Application {code}: please correct it. {comment}';
    expect(() => render(sentBack, 'en', { code: 'K7Q' })).toThrow(MissingVariablesError);
    expect(render(sentBack, 'en', { code: 'K7Q' }, { optional: true })).toBe('Application K7Q: please correct it.');
    expect(render(sentBack, 'en', { code: 'K7Q', comment: 'Sign page 2.' }, { optional: true })).toBe(
      'Application K7Q: please correct it. Sign page 2.',
    );
  });
});
