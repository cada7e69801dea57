/**
 * The journeys' seed data (docs/journeys.md), put in place through the blocks' published APIs as the platform team
 * would, so a new deployment can be tried end to end: the Ministry of Industry and Commerce's three offices and the
 * import licence (process, routing, catalogue entry); the hotline's Vientiane Capital public works unit and a civic
 * app's Open311 key; HR's, the ministry's and the hotline desk's service clients; the offices' officers, waiting for
 * their activation; a citizen to apply. Running it again changes nothing: what exists is left as it is, and the
 * secrets it was given the first time are read back from its output file.
 */
export interface SeedOutput {
  /** Service clients' secrets, by client id: shown once by the identity block, kept here. */
  clients: Record<string, string>;
  /** Activation codes HR handed out, by employee number (each person proves the account is theirs by mail). */
  activationCodes: Record<string, string>;
  /** The civic app's Open311 key. */
  open311Key?: string;
  /** The demonstration citizen's UIN. */
  citizenUin?: string;
}

export interface SeedOptions {
  /** Each block's base URL (`http://identity:3001/identity`; behind the proxy, `<origin>/identity`). */
  urls: Record<string, string>;
  operator: { id: string; secret: string };
  /** The import licence's process, BPMN 2.0 XML. */
  importLicenceBpmn: string;
  /** What an earlier run left (its secrets), or an empty output. */
  previous: SeedOutput;
  log: (line: string) => void;
}

export const SEED_OFFICES = {
  district: 'MOIC-VTE-D01',
  province: 'MOIC-VTE',
  ministry: 'MOIC-DERM',
  hotlineUnit: 'MPWT-VTE',
};

const ORGANISATIONS: [code: string, parent: string, nameLo: string, nameEn: string][] = [
  [
    SEED_OFFICES.province,
    'MOIC',
    'ພະແນກອຸດສາຫະກຳ ແລະ ການຄ້າ ນະຄອນຫຼວງ',
    'Vientiane Capital Department of Industry and Commerce',
  ],
  [
    SEED_OFFICES.district,
    'MOIC',
    'ຫ້ອງການອຸດສາຫະກຳ ແລະ ການຄ້າ ເມືອງຈັນທະບູລີ',
    'Chanthabouly District Office of Industry and Commerce',
  ],
  [SEED_OFFICES.ministry, 'MOIC', 'ກົມການນຳເຂົ້າ ແລະ ສົ່ງອອກ', 'Department of Import and Export'],
  [
    SEED_OFFICES.hotlineUnit,
    'MPWT',
    'ພະແນກໂຍທາທິການ ແລະ ຂົນສົ່ງ ນະຄອນຫຼວງ',
    'Vientiane Capital Department of Public Works and Transport',
  ],
];

const CLIENTS = [
  { clientId: 'civil-service-hr', clientName: 'Personnel office', roles: ['identity.hr', 'identity.registrar'] },
  {
    clientId: 'moic-service-desk',
    clientName: 'MOIC service administration',
    roles: ['registration.admin', 'workflow.admin'],
    ministry: 'MOIC',
  },
  { clientId: 'pmo-hotline-desk', clientName: 'PMO hotline administration', roles: ['feedback.office'] },
];

const STAFF = [
  { employeeNumber: 'MOIC-000201', name: 'ສົມສັກ', office: SEED_OFFICES.district, level: 'district', province: '01' },
  { employeeNumber: 'MOIC-000301', name: 'ຄຳແສງ', office: SEED_OFFICES.province, level: 'province', province: '01' },
  { employeeNumber: 'MOIC-000401', name: 'ດາລາ', office: SEED_OFFICES.ministry, level: 'central', province: '01' },
].map((s) => ({ ...s, ministry: 'MOIC', roles: ['registration.officer', 'registration.reviewer'] }));
const HOTLINE_STAFF = [
  {
    employeeNumber: 'PMO-001516',
    name: 'ສຸກສະຫວັນ',
    ministry: 'PMO',
    level: 'central',
    province: '01',
    roles: ['feedback.office'],
  },
  {
    employeeNumber: 'MPWT-000777',
    name: 'ພອນສະຫວັນ',
    ministry: 'MPWT',
    office: SEED_OFFICES.hotlineUnit,
    level: 'province',
    province: '01',
    roles: ['feedback.handler'],
  },
];

/** A citizen of Chanthabouly, with a phone and an e-mail address, told in Lao. */
export const SEED_CITIZEN = {
  givenNameLo: 'ບຸນມີ',
  familyNameLo: 'ແສງສຸລິນ',
  givenNameEn: 'Bounmy',
  familyNameEn: 'Sengsoulin',
  dateOfBirth: '1990-04-12',
  sex: 'M',
  address: { provinceCode: '01', districtCode: '0101' },
  phone: '+8562055599001',
  email: 'bounmy@example.la',
  preferredLanguage: 'lo',
  preferredChannel: 'sms',
};

export const IMPORT_LICENCE = {
  code: 'import-licence',
  name: { lo: 'ໃບອະນຸຍາດນຳເຂົ້າ', en: 'Import licence' },
  description: { lo: 'ຂໍອະນຸຍາດນຳເຂົ້າສິນຄ້າ', en: 'Licence to import goods' },
  ministry: 'MOIC',
  unit: SEED_OFFICES.ministry,
  topics: ['business'],
  eForm: {
    schema: {
      type: 'object',
      additionalProperties: false,
      required: ['companyName', 'goods', 'ownerName', 'province', 'district'],
      properties: {
        companyName: { type: 'string', minLength: 2, maxLength: 200 },
        goods: { type: 'string', minLength: 2, maxLength: 500 },
        ownerName: { type: 'string' },
        province: { type: 'string' },
        district: { type: 'string' },
      },
    },
    // Rendering hints (react-jsonschema-form's uiSchema), each text in Lao and English: the citizen's app and the
    // officers' workspace show the form with them.
    layout: {
      'ui:order': ['companyName', 'goods', 'ownerName', 'province', 'district'],
      companyName: { 'ui:title': { lo: 'ຊື່ບໍລິສັດ', en: 'Company name' } },
      goods: {
        'ui:title': { lo: 'ສິນຄ້າທີ່ນຳເຂົ້າ', en: 'Goods to import' },
        'ui:help': { lo: 'ຊື່ ແລະ ຈຳນວນ', en: 'Name and quantity' },
        'ui:widget': 'textarea',
        'ui:options': { rows: 3 },
      },
      ownerName: { 'ui:title': { lo: 'ຊື່ເຈົ້າຂອງ', en: "Owner's name" } },
      province: { 'ui:title': { lo: 'ລະຫັດແຂວງ', en: 'Province code' } },
      district: { 'ui:title': { lo: 'ລະຫັດເມືອງ', en: 'District code' } },
    },
  },
  prefill: { ownerName: 'person.displayName.lo', province: 'person.provinceCode', district: 'person.districtCode' },
  documents: [
    {
      type: 'invoice',
      name: { lo: 'ໃບເກັບເງິນ', en: 'Pro-forma invoice' },
      required: true,
      maxBytes: 5_000_000,
      mediaTypes: ['application/pdf'],
    },
  ],
  processKey: 'import-licence',
  slaWorkingDays: 15,
};

const ROUTING_RULES: [id: string, rule: Record<string, string>][] = [
  [
    'import-licence-0101',
    { category: 'import-licence', province: '01', district: '0101', unit: SEED_OFFICES.district },
  ],
  ['import-licence-province-01', { category: 'import-licence-province', province: '01', unit: SEED_OFFICES.province }],
  ['import-licence-ministry', { category: 'import-licence-ministry', unit: SEED_OFFICES.ministry }],
];

interface Answer {
  status: number;
  json: Record<string, unknown>;
  text: string;
}

export async function seedJourneys(options: SeedOptions): Promise<SeedOutput> {
  const { log } = options;
  /** `/identity/organisations/MOIC` at the identity block's URL, wherever it is. */
  const at = (path: string) => {
    const [, block, ...rest] = path.split('/');
    if (!options.urls[block]) throw new Error(`no URL for the ${block} block`);
    return `${options.urls[block]}/${rest.join('/')}`;
  };
  const output: SeedOutput = {
    clients: { ...options.previous.clients },
    activationCodes: { ...options.previous.activationCodes },
    open311Key: options.previous.open311Key,
    citizenUin: options.previous.citizenUin,
  };
  const call = async (method: string, path: string, token?: string, body?: unknown): Promise<Answer> => {
    const response = await fetch(at(path), {
      method,
      headers: {
        ...(token && { authorization: `Bearer ${token}` }),
        ...(body !== undefined && { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let json: Record<string, unknown> = {};
    try {
      json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      // not JSON: the text says what went wrong
    }
    return { status: response.status, json, text };
  };
  /** 2xx, or 409 when `exists` allows it (already there from an earlier run); anything else stops the seed. */
  const expect = (what: string, answer: Answer, exists = false): Answer => {
    if (answer.status < 300 || (exists && answer.status === 409)) return answer;
    throw new Error(`${what}: ${answer.status} ${answer.text.slice(0, 300)}`);
  };
  const token = async (id: string, secret: string): Promise<string> => {
    const response = await fetch(at('/identity/oauth/token'), {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials',
    });
    const body = (await response.json()) as { access_token?: string; error?: string };
    if (!body.access_token) throw new Error(`a token for ${id}: ${response.status} ${body.error ?? ''}`);
    return body.access_token;
  };

  const operator = await token(options.operator.id, options.operator.secret);
  for (const [code, parentCode, nameLo, nameEn] of ORGANISATIONS) {
    expect(
      `organisation ${code}`,
      await call('PUT', `/identity/organisations/${code}`, operator, {
        kind: 'department',
        parentCode,
        nameLo,
        nameEn,
      }),
    );
  }
  log(`organisations: ${ORGANISATIONS.map(([code]) => code).join(', ')}`);

  for (const client of CLIENTS) {
    const created = expect(
      `client ${client.clientId}`,
      await call('POST', '/identity/client-mgmt/oidc-client', operator, {
        requestTime: new Date().toISOString(),
        request: {
          ...client,
          redirectUris: [],
          grantTypes: ['client_credentials'],
          clientAuthMethods: ['client_secret_basic'],
        },
      }),
      true,
    );
    if (created.status === 409) {
      if (!output.clients[client.clientId]) {
        throw new Error(
          `client ${client.clientId} exists, but its secret is not in the seed's output: delete the client or restore the output`,
        );
      }
    } else {
      output.clients[client.clientId] = (created.json.response as { clientSecret: string }).clientSecret;
    }
  }
  log(`service clients: ${CLIENTS.map((c) => c.clientId).join(', ')}`);
  const hr = await token('civil-service-hr', output.clients['civil-service-hr']);
  const desk = await token('moic-service-desk', output.clients['moic-service-desk']);
  const hotline = await token('pmo-hotline-desk', output.clients['pmo-hotline-desk']);

  // The import licence: its process, its offices in the routing table, its catalogue entry.
  expect(
    'process import-licence',
    await call('POST', '/workflow/processes', desk, { bpmn: options.importLicenceBpmn }),
    true,
  );
  for (const [id, rule] of ROUTING_RULES) {
    expect(`routing rule ${id}`, await call('PUT', `/workflow/routing-rules/${id}`, desk, rule));
  }
  // The registration block learns of the process and the offices from events: a moment after they are made.
  for (let attempt = 0; ; attempt++) {
    const published = await call('POST', '/registration/services', desk, IMPORT_LICENCE);
    if (published.status < 300 || published.status === 409) break;
    if (attempt >= 60) expect('service import-licence', published);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  log('service: import-licence (district, province and ministry offices)');

  // People: the offices' officers and the hotline's, each waiting to activate their account; a citizen.
  const enrol = async (body: Record<string, unknown>): Promise<{ id: string; uin?: string }> => {
    const enrolled = expect('an enrolment', await call('POST', '/identity/persons', hr, body), true);
    if (enrolled.status !== 409) return { id: enrolled.json.id as string, uin: enrolled.json.uin as string };
    const [candidate] = enrolled.json.candidates as { personId: string }[];
    return { id: candidate.personId };
  };
  for (const [i, staff] of [...STAFF, ...HOTLINE_STAFF].entries()) {
    if (output.activationCodes[staff.employeeNumber]) continue;
    const person = await enrol({
      givenNameLo: staff.name,
      familyNameLo: 'ພົມມະວົງ',
      dateOfBirth: `198${i}-05-1${i}`,
      sex: 'F',
      address: { provinceCode: staff.province, districtCode: `${staff.province}01` },
      email: `${staff.employeeNumber.toLowerCase()}@example.gov.la`,
      preferredLanguage: 'lo',
    });
    const registered = expect(
      `civil servant ${staff.employeeNumber}`,
      await call('POST', '/identity/civil-servants', hr, {
        personId: person.id,
        employeeNumber: staff.employeeNumber,
        posting: {
          ministryCode: staff.ministry,
          ...('office' in staff && staff.office && { departmentCode: staff.office }),
          provinceCode: staff.province,
          level: staff.level,
          position: 'Officer',
          grade: '3-1',
        },
        effectiveFrom: '2026-01-05',
        roles: staff.roles,
      }),
      true,
    );
    if (registered.status === 409) continue;
    const code = expect(
      `activation code ${staff.employeeNumber}`,
      await call('POST', `/identity/civil-servants/${person.id}/activation-code`, hr),
    );
    output.activationCodes[staff.employeeNumber] = code.json.activationCode as string;
  }
  log(
    `officers: ${[...STAFF, ...HOTLINE_STAFF].map((s) => s.employeeNumber).join(', ')} (activation codes in the output)`,
  );
  if (!output.citizenUin) {
    const citizen = await enrol(SEED_CITIZEN);
    output.citizenUin = citizen.uin;
  }
  log(`citizen: UIN ${output.citizenUin ?? '(enrolled earlier)'}`);

  // The hotline: a civic app's Open311 key.
  if (!output.open311Key) {
    const key = expect(
      'Open311 key',
      await call('POST', '/feedback/open311/keys', hotline, { name: 'Vientiane city app' }),
    );
    output.open311Key = key.json.apiKey as string;
  }
  log(`hotline: unit ${SEED_OFFICES.hotlineUnit}, an Open311 key for the Vientiane city app`);
  return output;
}
