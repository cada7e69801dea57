import { formText, inputText } from './input';

describe('a person’s text as the app passes it on', () => {
  it('takes out control characters but keeps line breaks and tabs', () => {
    expect(inputText('\u0000\u001Fນ້ຳ\tປະປາ\r\nບໍ່ໄຫຼ\u007F ')).toBe('ນ້ຳ\tປະປາ\r\nບໍ່ໄຫຼ');
    expect(inputText('%00 stays as typed')).toBe('%00 stays as typed');
  });

  it('trims and cuts to the limit; anything but a string is nothing', () => {
    expect(inputText('  abcdef  ', 3)).toBe('abc');
    expect(inputText(['a'])).toBeUndefined();
    expect(inputText({ q: 'a' })).toBeUndefined();
    expect(formText({ name: 42 }, 'name')).toBe('');
    expect(formText({ name: ' Noy ' }, 'name')).toBe('Noy');
  });
});
