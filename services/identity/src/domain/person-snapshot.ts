import type { PersonSnapshot } from '@onedoor/contracts';
import type { PersonRecord } from './identity.model';

/** What other blocks may know of a person (the payload of the person events): enough to address them. */
export function snapshotOf(person: PersonRecord): PersonSnapshot {
  const en = [person.givenNameEn, person.familyNameEn].filter(Boolean).join(' ');
  return {
    personId: person.id,
    uin: person.uin,
    displayName: { lo: `${person.givenNameLo} ${person.familyNameLo}`, ...(en ? { en } : {}) },
    provinceCode: person.provinceCode,
    districtCode: person.districtCode,
    ...(person.villageCode ? { villageCode: person.villageCode } : {}),
    ...(person.phone ? { phone: person.phone } : {}),
    ...(person.email ? { email: person.email } : {}),
    preferredLanguage: person.preferredLanguage,
    preferredChannel: person.preferredChannel,
  };
}
