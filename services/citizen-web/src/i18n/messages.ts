/** The app's languages: Lao first, English second. */
export const LANGUAGES = ['lo', 'en'] as const;
export type Lang = (typeof LANGUAGES)[number];

export const isLang = (value: unknown): value is Lang => value === 'lo' || value === 'en';

/**
 * Every text of the citizen's pages, Lao and English side by side (a missing translation is a type error).
 * `{name}` marks a value filled in by `t`.
 */
const MESSAGES = {
  appName: ['ບໍລິການປະຕູດຽວ', 'One-door services'],
  skipToContent: ['ໄປຫາເນື້ອໃນ', 'Skip to content'],
  mainMenu: ['ເມນູຫຼັກ', 'Main menu'],
  home: ['ໜ້າຫຼັກ', 'Home'],
  catalogue: ['ບໍລິການ', 'Services'],
  track: ['ຕິດຕາມຄຳຮ້ອງ', 'Track an application'],
  complain: ['ແຈ້ງຄຳຮ້ອງທຸກ', 'Complain or suggest'],
  followCase: ['ຕິດຕາມເລື່ອງທີ່ແຈ້ງ', 'Follow a case'],
  answers: ['ຄຳຕອບຂອງລັດຖະບານ', "The government's answers"],
  myApplications: ['ຄຳຮ້ອງຂອງຂ້ອຍ', 'My applications'],
  signIn: ['ເຂົ້າສູ່ລະບົບ', 'Sign in'],
  signOut: ['ອອກຈາກລະບົບ', 'Sign out'],
  otherLanguage: ['English', 'ພາສາລາວ'],
  otherLanguageLabel: ['Read this page in English', 'ອ່ານໜ້ານີ້ເປັນພາສາລາວ'],
  footer: [
    'ລະບົບບໍລິການປະຕູດຽວຂອງລັດຖະບານ ສປປ ລາວ. ສາຍດ່ວນ 1516.',
    'The one-door services of the Government of the Lao PDR. Hotline 1516.',
  ],
  homeIntro: [
    'ຍື່ນຄຳຮ້ອງຂໍບໍລິການຄັ້ງດຽວ, ຕິດຕາມໄດ້ທຸກບ່ອນ, ແຈ້ງຄຳຄິດເຫັນ ແລະ ຄຳຮ້ອງທຸກໂດຍບໍ່ຕ້ອງເດີນທາງ.',
    'Apply for a public service once, follow it from anywhere, and give feedback or complain without travelling.',
  ],
  homeApply: ['ເລືອກບໍລິການ ແລະ ຍື່ນຄຳຮ້ອງ', 'Choose a service and apply'],
  homeTrack: ['ມີລະຫັດຕິດຕາມບໍ? ເບິ່ງສະຖານະໄດ້ເລີຍ', 'Have a tracking code? See the status now'],
  homeComplain: [
    'ແຈ້ງຄຳຮ້ອງທຸກ, ຄຳສະເໜີ ຫຼື ຄຳຄິດເຫັນ (ບໍ່ລະບຸຊື່ກໍໄດ້)',
    'Send a complaint, suggestion or comment (anonymously if you wish)',
  ],
  homeAnswers: ['ຄົ້ນຫາຄຳຕອບທີ່ເຜີຍແຜ່ແລ້ວ', 'Search the published answers'],
  // messages and settings
  messages: ['ຂໍ້ຄວາມ', 'Messages'],
  settings: ['ການຕັ້ງຄ່າ', 'Settings'],
  noMessages: ['ຍັງບໍ່ມີຂໍ້ຄວາມ', 'No messages yet'],
  unread: ['ຍັງບໍ່ໄດ້ອ່ານ', 'Unread'],
  markRead: ['ໝາຍວ່າອ່ານແລ້ວ', 'Mark as read'],
  howToldYou: ['ວິທີແຈ້ງທ່ານ', 'How we tell you'],
  channelSms: ['SMS', 'SMS'],
  channelEmail: ['ອີເມວ', 'E-mail'],
  messageLanguage: ['ພາສາຂອງຂໍ້ຄວາມ', 'Language of messages'],
  optOut: ['ບໍ່ຮັບຂໍ້ຄວາມທີ່ບໍ່ຈຳເປັນ (ລະຫັດ ແລະ ການຕັດສິນ ຍັງສົ່ງມາ)', 'No non-essential messages (codes and decisions still come)'],
  save: ['ບັນທຶກ', 'Save'],
  saved: ['ບັນທຶກແລ້ວ', 'Saved'],
  yourPhone: ['ເບີໂທຂອງທ່ານ', 'Your phone'],
  newPhone: ['ເບີໂທໃໝ່', 'New phone number'],
  sendCode: ['ສົ່ງລະຫັດ', 'Send a code'],
  codeSentTo: ['ສົ່ງລະຫັດ 6 ຕົວເລກໄປທີ່ {phone} ແລ້ວ', 'A 6-digit code was sent to {phone}'],
  code: ['ລະຫັດ', 'Code'],
  confirm: ['ຢືນຢັນ', 'Confirm'],
  phoneChanged: ['ປ່ຽນເບີໂທແລ້ວ', 'Phone number changed'],
  // the catalogue
  ministry: ['ກະຊວງ', 'Ministry'],
  allMinistries: ['ທຸກກະຊວງ', 'All ministries'],
  allTopics: ['ທຸກຫົວຂໍ້', 'All topics'],
  inNumbers: ['ເປັນຕົວເລກ', 'In numbers'],
  inNumbersBy: ['ຕົວເລກຕາມ', 'Numbers by'],
  inNumbersCaption: [
    'ເລື່ອງທີ່ໄດ້ຮັບ, ຕອບແລ້ວ ແລະ ເຜີຍແຜ່ແລ້ວ ໃນໄລຍະທີ່ເລືອກ (ຫຼືແຕ່ຕົ້ນປີ). ຈຳນວນ 1 ຫາ 4 ບໍ່ໄດ້ສະແດງ ເພື່ອບໍ່ໃຫ້ຮູ້ວ່າແມ່ນໃຜ.',
    'Cases received, answered and published in the period chosen (else this year so far). Counts from 1 to 4 are not shown, so that no one can be recognised.',
  ],
  fewerThanFive: ['1–4', '1–4'],
  notGiven: ['ບໍ່ໄດ້ລະບຸ', 'Not given'],
  noCasesYet: ['ຍັງບໍ່ມີເລື່ອງໃນໄລຍະນີ້', 'No cases in this period yet'],
  received: ['ໄດ້ຮັບ', 'Received'],
  answeredCount: ['ຕອບແລ້ວ', 'Answered'],
  publishedCount: ['ເຜີຍແຜ່ແລ້ວ', 'Published'],
  sentBySms: ['ສົ່ງທາງ SMS ນຳ', 'also sent by SMS'],
  sentByEmail: ['ສົ່ງທາງອີເມວນຳ', 'also sent by e-mail'],
  lifeEvent: ['ກ່ຽວກັບ', 'About'],
  allProvinces: ['ທຸກແຂວງ', 'All provinces'],
  publishedFrom: ['ເຜີຍແຜ່ແຕ່ວັນທີ', 'Published from'],
  publishedTo: ['ເຖິງວັນທີ', 'Published until'],
  search: ['ຄົ້ນຫາ', 'Search'],
  searchWords: ['ຄຳທີ່ຄົ້ນຫາ', 'Words to search for'],
  noServices: ['ບໍ່ພົບບໍລິການ', 'No service found'],
  fee: ['ຄ່າທຳນຽມ', 'Fee'],
  free: ['ບໍ່ເສຍຄ່າ', 'Free'],
  expectedTime: ['ໄລຍະເວລາ', 'Expected time'],
  workingDays: ['{n} ວັນລັດຖະການ', '{n} working {n|day|days}'],
  documentsNeeded: ['ເອກະສານທີ່ຕ້ອງການ', 'Documents needed'],
  required: ['ຈຳເປັນ', 'required'],
  optional: ['ບໍ່ບັງຄັບ', 'optional'],
  eligibility: ['ເງື່ອນໄຂ', 'Who may apply'],
  applyNow: ['ຍື່ນຄຳຮ້ອງ', 'Apply'],
  signInToApply: ['ເຂົ້າສູ່ລະບົບເພື່ອຍື່ນຄຳຮ້ອງ', 'Sign in to apply'],
  fileTypes: ['ປະເພດໄຟລ໌: {types}; ບໍ່ເກີນ {size}', 'File types: {types}; at most {size}'],
  // applying
  applyTitle: ['ຍື່ນຄຳຮ້ອງ: {service}', 'Apply: {service}'],
  applyNeedsScript: [
    'ແບບຟອມນີ້ຕ້ອງການ JavaScript. ກະລຸນາເປີດໃຊ້ ຫຼື ໄປທີ່ສູນບໍລິການປະຕູດຽວໃກ້ທ່ານ.',
    'This form needs JavaScript. Turn it on, or go to your nearest one-door service centre.',
  ],
  prefilledNote: [
    'ຂໍ້ມູນບາງສ່ວນຖືກຕື່ມໃຫ້ແລ້ວຈາກທະບຽນຂອງລັດ. ກະລຸນາກວດສອບ.',
    'Some fields are filled in from what the government already holds. Please check them.',
  ],
  saveDraft: ['ບັນທຶກສະບັບຮ່າງ', 'Save draft'],
  continue: ['ຕໍ່ໄປ', 'Continue'],
  draftSaved: ['ບັນທຶກສະບັບຮ່າງແລ້ວ', 'Draft saved'],
  draftKeptOffline: [
    'ບໍ່ມີອິນເຕີເນັດ: ສະບັບຮ່າງຖືກເກັບໄວ້ໃນເຄື່ອງນີ້ ແລະ ຈະສົ່ງເມື່ອເຊື່ອມຕໍ່ໄດ້.',
    'No connection: the draft is kept on this device and will be sent when you are back online.',
  ],
  fixErrors: ['ກະລຸນາແກ້ໄຂຂໍ້ມູນທີ່ໝາຍໄວ້', 'Please correct the fields marked'],
  attachDocuments: ['ຕິດຄັດເອກະສານ', 'Attach documents'],
  attach: ['ຕິດຄັດ', 'Attach'],
  attached: ['ຕິດຄັດແລ້ວ', 'Attached'],
  takePhotoOrFile: ['ຖ່າຍຮູບ ຫຼື ເລືອກໄຟລ໌', 'Take a photo or choose a file'],
  submitApplication: ['ສົ່ງຄຳຮ້ອງ', 'Submit the application'],
  submitted: ['ສົ່ງຄຳຮ້ອງແລ້ວ. ລະຫັດຕິດຕາມ: {code}', 'Application submitted. Tracking code: {code}'],
  missingDocuments: ['ຍັງຂາດເອກະສານ: {documents}', 'Documents still missing: {documents}'],
  // applications
  noApplications: ['ທ່ານຍັງບໍ່ມີຄຳຮ້ອງ', 'You have no applications yet'],
  trackingCode: ['ລະຫັດຕິດຕາມ', 'Tracking code'],
  status: ['ສະຖານະ', 'Status'],
  office: ['ຫ້ອງການ', 'Office'],
  submittedOn: ['ວັນທີຍື່ນ', 'Submitted'],
  expectedBy: ['ຄາດວ່າຈະແລ້ວ', 'Expected by'],
  decidedOn: ['ວັນທີຕັດສິນ', 'Decided'],
  history: ['ປະຫວັດ', 'History'],
  sentBackReason: ['ເຫດຜົນທີ່ສົ່ງຄືນ', 'Why it was sent back'],
  correctAndResubmit: ['ແກ້ໄຂ ແລະ ສົ່ງຄືນ', 'Correct and resubmit'],
  resubmit: ['ສົ່ງຄືນ', 'Resubmit'],
  resubmitted: ['ສົ່ງຄືນແລ້ວ', 'Resubmitted'],
  certificate: ['ໃບຢັ້ງຢືນ', 'Certificate'],
  downloadCertificate: ['ດາວໂຫຼດໃບຢັ້ງຢືນ', 'Download the certificate'],
  certificateIntro: [
    'ໃບຢັ້ງຢືນນີ້ມີລາຍເຊັນດິຈິຕອນ. ຜູ້ໃດກໍກວດສອບໄດ້ດ້ວຍກະແຈສາທາລະນະຂອງລັດ.',
    "This certificate is digitally signed. Anyone can check it with the government's public key.",
  ],
  documents: ['ເອກະສານ', 'Documents'],
  rateService: ['ໃຫ້ຄະແນນບໍລິການ', 'Rate the service'],
  score: ['ຄະແນນ', 'Score'],
  scoreLabel: ['{n} ຈາກ 5', '{n} out of 5'],
  comment: ['ຄຳຄິດເຫັນ', 'Comment'],
  sendRating: ['ສົ່ງຄະແນນ', 'Send the rating'],
  thanksRating: ['ຂອບໃຈສຳລັບຄະແນນຂອງທ່ານ', 'Thank you for your rating'],
  fieldData: ['ຂໍ້ມູນໃນແບບຟອມ', 'What you entered'],
  // tracking
  trackIntro: [
    'ໃສ່ລະຫັດຕິດຕາມ ແລະ ເລກ 4 ຕົວສຸດທ້າຍຂອງເບີໂທລະສັບທີ່ທ່ານໃຫ້ໄວ້.',
    'Enter the tracking code and the last 4 digits of the phone number you gave.',
  ],
  phoneLast4: ['ເລກ 4 ຕົວສຸດທ້າຍຂອງເບີໂທ', 'Last 4 digits of your phone'],
  show: ['ສະແດງ', 'Show'],
  notFoundTracking: ['ບໍ່ພົບຄຳຮ້ອງທີ່ມີລະຫັດ ແລະ ເບີໂທນີ້.', 'No application with this code and phone number was found.'],
  // hotline
  complainIntro: [
    'ສົ່ງຄຳຮ້ອງທຸກ, ຄຳສະເໜີ ຫຼື ຄຳຄິດເຫັນເຖິງລັດຖະບານ. ສຳນັກງານນາຍົກລັດຖະມົນຕີຈະສົ່ງໃຫ້ໜ່ວຍງານທີ່ຮັບຜິດຊອບ.',
    "Send a complaint, suggestion or comment to the government. The Prime Minister's Office sends it to the responsible unit.",
  ],
  kind: ['ປະເພດ', 'Kind'],
  kindComplaint: ['ຄຳຮ້ອງທຸກ', 'Complaint'],
  kindSuggestion: ['ຄຳສະເໜີ', 'Suggestion'],
  kindComment: ['ຄຳຄິດເຫັນ', 'Comment'],
  kindQuestion: ['ຄຳຖາມ', 'Question'],
  kindCompliment: ['ຄຳຊົມເຊີຍ', 'Compliment'],
  topic: ['ຫົວຂໍ້', 'Topic'],
  description: ['ລາຍລະອຽດ', 'What happened'],
  descriptionHint: ['ຢ່າງໜ້ອຍ 10 ຕົວອັກສອນ: ຫຍັງ, ຢູ່ໃສ, ເມື່ອໃດ.', 'At least 10 characters: what, where, when.'],
  province: ['ແຂວງ', 'Province'],
  district: ['ເມືອງ (ລະຫັດ 4 ຕົວເລກ)', 'District (4-digit code)'],
  whoAreYou: ['ທ່ານຕ້ອງການໃຫ້ຮູ້ຈັກທ່ານບໍ?', 'Who may know it was you?'],
  anonymous: ['ບໍ່ລະບຸຊື່: ທ່ານຈະໄດ້ຮັບເລກເລື່ອງ ແລະ ລະຫັດ PIN', 'Anonymous: you get a case number and a PIN'],
  confidential: ['ປິດລັບ: ສຳນັກງານຮູ້ວ່າແມ່ນໃຜ, ໜ່ວຍງານບໍ່ຮູ້', 'Confidential: the Office knows who you are, the unit does not'],
  identified: ['ລະບຸຊື່', 'Identified'],
  contactPhone: ['ເບີໂທເພື່ອຮັບແຈ້ງ (ບໍ່ບັງຄັບ)', 'Phone to be told at (optional)'],
  contactPhoneHint: [
    'ບໍ່ສະແດງໃຫ້ໜ່ວຍງານເຫັນ. ຕົວຢ່າງ: +8562055512345',
    'Never shown to the unit. For example: +8562055512345',
  ],
  send: ['ສົ່ງ', 'Send'],
  caseReceived: ['ໄດ້ຮັບເລື່ອງຂອງທ່ານແລ້ວ', 'Your case was received'],
  caseNumber: ['ເລກເລື່ອງ', 'Case number'],
  pin: ['ລະຫັດ PIN', 'PIN'],
  keepPin: [
    'ກະລຸນາຈົດເລກເລື່ອງ ແລະ PIN ໄວ້. PIN ຈະສະແດງພຽງຄັ້ງດຽວ ແລະ ຕ້ອງໃຊ້ເພື່ອຕິດຕາມ.',
    'Write down the case number and the PIN. The PIN is shown only once and is needed to follow the case.',
  ],
  followIntro: ['ໃສ່ເລກເລື່ອງ ແລະ PIN 6 ຕົວເລກ.', 'Enter the case number and the 6-digit PIN.'],
  myCases: ['ເລື່ອງທີ່ຂ້ອຍແຈ້ງ', 'My cases'],
  noCases: ['ທ່ານຍັງບໍ່ໄດ້ແຈ້ງເລື່ອງໃດໃນນາມຂອງທ່ານ.', 'You have not submitted a case in your name yet.'],
  anonymousCase: ['ເລື່ອງທີ່ແຈ້ງແບບບໍ່ອອກຊື່', 'A case submitted anonymously'],
  notFoundCase: ['ບໍ່ພົບເລື່ອງທີ່ມີເລກ ແລະ PIN ນີ້.', 'No case with this number and PIN was found.'],
  answer: ['ຄຳຕອບ', 'Answer'],
  finding: ['ຜົນການກວດສອບ', 'Finding'],
  actionsTaken: ['ສິ່ງທີ່ໄດ້ດຳເນີນການ', 'What was done'],
  informationAsked: ['ໜ່ວຍງານຂໍຂໍ້ມູນເພີ່ມເຕີມ', 'The unit asks for more information'],
  addInformation: ['ເພີ່ມຂໍ້ມູນ', 'Add information'],
  informationSent: ['ສົ່ງຂໍ້ມູນແລ້ວ', 'Information sent'],
  appeal: ['ອຸທອນ', 'Appeal'],
  appealIntro: [
    'ບໍ່ເຫັນດີກັບຄຳຕອບບໍ? ບອກເຫດຜົນ, ສຳນັກງານຈະພິຈາລະນາຄືນ.',
    'Disagree with the answer? Say why, and the Office will review it.',
  ],
  reason: ['ເຫດຜົນ', 'Reason'],
  appealSent: ['ສົ່ງຄຳອຸທອນແລ້ວ', 'Appeal sent'],
  mergedInto: ['ລວມເຂົ້າກັບເລື່ອງ {number}', 'Merged with case {number}'],
  // published answers
  answersIntro: [
    'ຄຳຕອບຂອງລັດຖະບານຕໍ່ຄຳຮ້ອງທຸກ ແລະ ຄຳສະເໜີຂອງປະຊາຊົນ, ບໍ່ມີຂໍ້ມູນສ່ວນຕົວ.',
    "The government's answers to people's complaints and suggestions, without personal data.",
  ],
  noAnswers: ['ບໍ່ພົບຄຳຕອບ', 'No answer found'],
  publishedOn: ['ເຜີຍແຜ່ວັນທີ', 'Published'],
  question: ['ຄຳຖາມ', 'Question'],
  results: ['{n} ຜົນ', '{n} {n|result|results}'],
  previous: ['ກ່ອນໜ້າ', 'Previous'],
  next: ['ຕໍ່ໄປ', 'Next'],
  pageOf: ['ໜ້າ {page}', 'Page {page}'],
  // errors
  notFound: ['ບໍ່ພົບໜ້ານີ້', 'Page not found'],
  badRequest: ['ຂໍ້ມູນບໍ່ຖືກຕ້ອງ', 'Something in the form is not right'],
  unavailable: [
    'ບໍລິການບໍ່ພ້ອມໃຊ້ງານຊົ່ວຄາວ. ກະລຸນາລອງໃໝ່ພາຍຫຼັງ.',
    'The service is briefly unavailable. Please try again shortly.',
  ],
  failed: ['ມີບາງຢ່າງຜິດພາດ. ກະລຸນາລອງໃໝ່.', 'Something went wrong. Please try again.'],
  signInNeeded: ['ກະລຸນາເຂົ້າສູ່ລະບົບກ່ອນ', 'Please sign in first'],
  signInUnavailable: ['ການເຂົ້າສູ່ລະບົບບໍ່ພ້ອມໃຊ້ງານຢູ່ບ່ອນນີ້.', 'Signing in is not available here.'],
  backHome: ['ກັບໄປໜ້າຫຼັກ', 'Back to the home page'],
  errorKind: ['ກະລຸນາເລືອກປະເພດ', 'Choose a kind'],
  errorTopic: ['ກະລຸນາເລືອກຫົວຂໍ້', 'Choose a topic'],
  errorDescription: ['ລາຍລະອຽດຕ້ອງມີ 10 ຫາ 5000 ຕົວອັກສອນ', 'The description needs 10 to 5000 characters'],
  errorDistrict: [
    'ລະຫັດເມືອງມີ 4 ຕົວເລກ, ເລີ່ມດ້ວຍລະຫັດແຂວງ',
    "A district code has 4 digits and starts with the province's code",
  ],
  errorProvince: ['ກະລຸນາເລືອກແຂວງ (ຕ້ອງມີເມື່ອລະບຸເມືອງ)', 'Choose a province (needed with a district)'],
  errorPhone: ['ເບີໂທມີ 8 ຫາ 15 ຕົວເລກ, ເຊັ່ນ +8562055512345', 'A phone number has 8 to 15 digits, such as +8562055512345'],
  errorReason: ['ກະລຸນາຂຽນເຫດຜົນ', 'Please write a reason'],
  errorScore: ['ກະລຸນາເລືອກຄະແນນ 1 ຫາ 5', 'Choose a score from 1 to 5'],
  errorFile: ['ກະລຸນາເລືອກໄຟລ໌', 'Choose a file'],
  formRequired: ['ກະລຸນາປ້ອນຂໍ້ມູນນີ້', 'Please fill this in'],
  formMinLength: ['ຕ້ອງມີຢ່າງໜ້ອຍ {limit} ຕົວອັກສອນ', 'Needs at least {limit} characters'],
  formMaxLength: ['ບໍ່ເກີນ {limit} ຕົວອັກສອນ', 'At most {limit} characters'],
  formPattern: ['ຮູບແບບບໍ່ຖືກຕ້ອງ', 'Not in the expected form'],
  formMinimum: ['ຕ້ອງບໍ່ໜ້ອຍກວ່າ {limit}', 'Must be at least {limit}'],
  formMaximum: ['ຕ້ອງບໍ່ເກີນ {limit}', 'Must be at most {limit}'],
  formEnum: ['ກະລຸນາເລືອກຈາກລາຍການ', 'Choose one of the options'],
  formType: ['ຂໍ້ມູນບໍ່ຖືກປະເພດ', 'Not the right kind of value'],
  formNotAField: ['ບໍ່ແມ່ນຊ່ອງຂອງແບບຟອມນີ້', 'Not a field of this form'],
  saving: ['ກຳລັງບັນທຶກ…', 'Saving…'],
  tooMany: [
    'ສົ່ງຫຼາຍເກີນໄປໃນຊົ່ວໂມງນີ້. ກະລຸນາລອງໃໝ່ພາຍຫຼັງ ຫຼື ໂທ 1516.',
    'Too many sent in this hour. Please try again later, or call 1516.',
  ],
  sessionExpired: ['ໜ້ານີ້ໝົດອາຍຸແລ້ວ. ກະລຸນາລອງໃໝ່.', 'This page has expired. Please try again.'],
  staffOnly: [
    'ບ່ອນເຮັດວຽກນີ້ສຳລັບພະນັກງານລັດເທົ່ານັ້ນ: ເຂົ້າລະບົບດ້ວຍລະຫັດພະນັກງານ.',
    'This workspace is for civil servants only: sign in with your employee number.',
  ],
} satisfies Record<string, readonly [lo: string, en: string]>;

export type MessageKey = keyof typeof MESSAGES;

/** Texts in Lao and English by key (a missing translation is a type error). */
export type Dictionary = Record<string, readonly [lo: string, en: string]>;

/**
 * The messages of one dictionary in `lang` with their values: `{n}` is the value, `{n|one|other}` the word for its
 * number (English has "1 result", "2 results"; Lao words do not change).
 */
export function translator<D extends Dictionary>(messages: D) {
  return (lang: Lang, key: keyof D, values: Record<string, string | number> = {}): string => {
    const text = messages[key][lang === 'en' ? 1 : 0];
    return text.replace(/\{(\w+)(?:\|([^|}]*)\|([^}]*))?\}/g, (whole, name: string, one?: string, other?: string) => {
      if (!(name in values)) return whole;
      if (one === undefined) return String(values[name]);
      return PLURALS[lang].select(Number(values[name])) === 'one' ? one : (other ?? '');
    });
  };
}

/** A citizen page's text in `lang`, with its values (see translator). */
export const t = translator(MESSAGES);

const PLURALS: Record<Lang, Intl.PluralRules> = { lo: new Intl.PluralRules('lo'), en: new Intl.PluralRules('en') };

/** A text the blocks give in both languages (a service's name, a document's), in `lang`, else the other. */
export const pick = (lang: Lang, text: { lo?: string; en?: string } | undefined): string =>
  (lang === 'en' ? (text?.en ?? text?.lo) : (text?.lo ?? text?.en)) ?? '';
