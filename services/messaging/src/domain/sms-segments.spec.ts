import { smsSegments } from './sms-segments';

describe('SMS segments', () => {
  it('counts Lao text as UCS-2: 70 in one part, 67 per part after that', () => {
    const lao70 = 'ກ'.repeat(70);
    expect(smsSegments(lao70)).toEqual({ encoding: 'UCS-2', units: 70, parts: 1 });
    expect(smsSegments(`${lao70}ກ`)).toEqual({ encoding: 'UCS-2', units: 71, parts: 2 });
    expect(smsSegments('ກ'.repeat(134)).parts).toBe(2);
    expect(smsSegments('ກ'.repeat(135)).parts).toBe(3);
  });

  it('counts plain Latin text as GSM-7: 160, then 153 per part', () => {
    expect(smsSegments('a'.repeat(160))).toEqual({ encoding: 'GSM-7', units: 160, parts: 1 });
    expect(smsSegments('a'.repeat(161)).parts).toBe(2);
    expect(smsSegments('a'.repeat(306)).parts).toBe(2);
    expect(smsSegments('a'.repeat(307)).parts).toBe(3);
  });

  it('counts extension characters twice, and one Lao letter turns the whole text into UCS-2', () => {
    expect(smsSegments('€'.repeat(80))).toEqual({ encoding: 'GSM-7', units: 160, parts: 1 });
    expect(smsSegments('€'.repeat(81)).parts).toBe(2);
    expect(smsSegments(`Your code is 123456 ລະຫັດ`).encoding).toBe('UCS-2');
  });

  it('never splits a two-unit character across parts: it moves whole to the next part', () => {
    // 152 + 2 septets do not fit the first part's 153: the euro sign starts the second, the last `a` a third.
    expect(smsSegments(`${'a'.repeat(152)}€${'a'.repeat(152)}`)).toEqual({ encoding: 'GSM-7', units: 306, parts: 3 });
    expect(smsSegments(`${'a'.repeat(151)}€${'a'.repeat(152)}`).parts).toBe(2);
    // An emoji is a surrogate pair in UCS-2: 66 + 2 units do not fit 67.
    expect(smsSegments(`${'ກ'.repeat(66)}😀${'ກ'.repeat(66)}`)).toEqual({ encoding: 'UCS-2', units: 134, parts: 3 });
    expect(smsSegments(`${'ກ'.repeat(65)}😀${'ກ'.repeat(67)}`).parts).toBe(2);
  });

  it('counts an empty text as one part', () => {
    expect(smsSegments('')).toEqual({ encoding: 'GSM-7', units: 0, parts: 1 });
  });
});
