import { SegmentedMessage } from 'sms-segments-calculator';

/**
 * How many SMS parts a text takes, as networks count them, by Twilio's segment calculator: GSM 03.38 text (Latin
 * without most accents) is 160 septets in one part, 153 per part when concatenated, the extension table's
 * characters (€ [ ] { } ~ ^ | \) taking two; anything else, all Lao text included, goes as UCS-2: 70 UTF-16 units
 * in one part, 67 per part. A two-unit character (an escaped GSM character, a UCS-2 surrogate pair such as an
 * emoji) never straddles two parts: it moves whole to the next one, which can add a part.
 */
export interface SmsSegments {
  encoding: 'GSM-7' | 'UCS-2';
  /** Septets (GSM-7) or UTF-16 code units (UCS-2). */
  units: number;
  parts: number;
}

export function smsSegments(text: string): SmsSegments {
  if (text === '') return { encoding: 'GSM-7', units: 0, parts: 1 };
  const message = new SegmentedMessage(text, 'auto');
  const encoding = message.encodingName === 'GSM-7' ? 'GSM-7' : 'UCS-2';
  return {
    encoding,
    units: encoding === 'GSM-7' ? message.numberOfCharacters : text.length,
    parts: message.segmentsCount,
  };
}
