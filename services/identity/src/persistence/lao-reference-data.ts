import type { AdminArea, Organisation } from './reference-data.entities';

type Row = [code: string, nameLo: string, nameEn: string];

/** The 18 provinces of Lao PDR with their statistical codes. */
const PROVINCES: Row[] = [
  ['01', 'ນະຄອນຫຼວງວຽງຈັນ', 'Vientiane Capital'],
  ['02', 'ຜົ້ງສາລີ', 'Phongsaly'],
  ['03', 'ຫຼວງນ້ຳທາ', 'Luang Namtha'],
  ['04', 'ອຸດົມໄຊ', 'Oudomxay'],
  ['05', 'ບໍ່ແກ້ວ', 'Bokeo'],
  ['06', 'ຫຼວງພະບາງ', 'Luang Prabang'],
  ['07', 'ຫົວພັນ', 'Houaphanh'],
  ['08', 'ໄຊຍະບູລີ', 'Xayabury'],
  ['09', 'ຊຽງຂວາງ', 'Xiengkhuang'],
  ['10', 'ວຽງຈັນ', 'Vientiane Province'],
  ['11', 'ບໍລິຄຳໄຊ', 'Borikhamxay'],
  ['12', 'ຄຳມ່ວນ', 'Khammuane'],
  ['13', 'ສະຫວັນນະເຂດ', 'Savannakhet'],
  ['14', 'ສາລະວັນ', 'Saravane'],
  ['15', 'ເຊກອງ', 'Sekong'],
  ['16', 'ຈຳປາສັກ', 'Champasack'],
  ['17', 'ອັດຕະປື', 'Attapeu'],
  ['18', 'ໄຊສົມບູນ', 'Xaysomboun'],
];

/** The districts of Vientiane Capital and the provincial capitals' districts; operators load the rest through the API. */
const DISTRICTS: Row[] = [
  ['0101', 'ຈັນທະບູລີ', 'Chanthabouly'],
  ['0102', 'ສີໂຄດຕະບອງ', 'Sikhottabong'],
  ['0103', 'ໄຊເສດຖາ', 'Xaysetha'],
  ['0104', 'ສີສັດຕະນາກ', 'Sisattanak'],
  ['0105', 'ນາຊາຍທອງ', 'Naxaythong'],
  ['0106', 'ໄຊທານີ', 'Xaythany'],
  ['0107', 'ຫາດຊາຍຟອງ', 'Hadxayfong'],
  ['0108', 'ສັງທອງ', 'Sangthong'],
  ['0109', 'ປາກງື່ມ', 'Parkngum'],
  ['0601', 'ຫຼວງພະບາງ', 'Luang Prabang'],
  ['1301', 'ໄກສອນ ພົມວິຫານ', 'Kaysone Phomvihane'],
  ['1601', 'ປາກເຊ', 'Pakse'],
];

const MINISTRIES: Row[] = [
  ['PMO', 'ສຳນັກງານນາຍົກລັດຖະມົນຕີ', "Prime Minister's Office"],
  ['MOHA', 'ກະຊວງພາຍໃນ', 'Ministry of Home Affairs'],
  ['MOF', 'ກະຊວງການເງິນ', 'Ministry of Finance'],
  ['MOH', 'ກະຊວງສາທາລະນະສຸກ', 'Ministry of Health'],
  ['MOES', 'ກະຊວງສຶກສາທິການ ແລະ ກິລາ', 'Ministry of Education and Sports'],
  ['MTC', 'ກະຊວງເຕັກໂນໂລຊີ ແລະ ການສື່ສານ', 'Ministry of Technology and Communications'],
  ['MOIC', 'ກະຊວງອຸດສາຫະກຳ ແລະ ການຄ້າ', 'Ministry of Industry and Commerce'],
  ['MAF', 'ກະຊວງກະສິກຳ ແລະ ປ່າໄມ້', 'Ministry of Agriculture and Forestry'],
  ['MPWT', 'ກະຊວງໂຍທາທິການ ແລະ ຂົນສົ່ງ', 'Ministry of Public Works and Transport'],
  ['MOJ', 'ກະຊວງຍຸຕິທຳ', 'Ministry of Justice'],
  ['MOFA', 'ກະຊວງການຕ່າງປະເທດ', 'Ministry of Foreign Affairs'],
  ['MLSW', 'ກະຊວງແຮງງານ ແລະ ສະຫວັດດີການສັງຄົມ', 'Ministry of Labour and Social Welfare'],
  ['MONRE', 'ກະຊວງຊັບພະຍາກອນທຳມະຊາດ ແລະ ສິ່ງແວດລ້ອມ', 'Ministry of Natural Resources and Environment'],
  ['MPI', 'ກະຊວງແຜນການ ແລະ ການລົງທຶນ', 'Ministry of Planning and Investment'],
  ['MEM', 'ກະຊວງພະລັງງານ ແລະ ບໍ່ແຮ່', 'Ministry of Energy and Mines'],
];

export const SEED_ADMIN_AREAS: AdminArea[] = [
  ...PROVINCES.map(([code, nameLo, nameEn]) => ({
    code,
    level: 'province' as const,
    parentCode: null,
    nameLo,
    nameEn,
  })),
  ...DISTRICTS.map(([code, nameLo, nameEn]) => ({
    code,
    level: 'district' as const,
    parentCode: code.slice(0, 2),
    nameLo,
    nameEn,
  })),
];

export const SEED_ORGANISATIONS: Organisation[] = MINISTRIES.map(([code, nameLo, nameEn]) => ({
  code,
  kind: 'ministry' as const,
  parentCode: null,
  nameLo,
  nameEn,
}));
