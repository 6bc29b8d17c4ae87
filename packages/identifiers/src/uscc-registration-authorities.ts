/**
 * Character 1 (registration authority, 登记管理部门代码) and character 2 (entity type, 机构类别代码) of a USCC.
 * GB 32100-2015 itself fixes only the scheme and the examples 1, 5, 9; the table below is the assignment published
 * by the national code centre (CODS) since, as reproduced consistently by public sources: 2–4, 6–8,
 * A and N were added after 2015, and Y ("other") has the single type 1. A new authority assigned later is refused
 * until it is added here: this table, not a looser pattern, is what keeps a one-character slip in the first two
 * positions from passing (the check character alone would catch it too, but with a less helpful message).
 */
export interface Designation {
  readonly code: string;
  readonly zh: string;
  readonly en: string;
}

export interface RegistrationAuthority extends Designation {
  readonly entityTypes: readonly Designation[];
}

const OTHER: Designation = { code: '9', zh: '其他', en: 'Other' };

export const REGISTRATION_AUTHORITIES: readonly RegistrationAuthority[] = [
  {
    code: '1',
    zh: '机构编制',
    en: 'Institutional establishment',
    entityTypes: [
      { code: '1', zh: '机关', en: 'Government body' },
      { code: '2', zh: '事业单位', en: 'Public institution' },
      {
        code: '3',
        zh: '中央编办直接管理机构编制的群众团体',
        en: 'Mass organisation staffed by the central establishment office',
      },
      OTHER,
    ],
  },
  {
    code: '2',
    zh: '外交',
    en: 'Foreign affairs',
    entityTypes: [{ code: '1', zh: '外国常驻新闻机构', en: 'Resident office of a foreign news organisation' }, OTHER],
  },
  {
    code: '3',
    zh: '司法行政',
    en: 'Justice administration',
    entityTypes: [
      { code: '1', zh: '律师执业机构', en: 'Law firm' },
      { code: '2', zh: '公证处', en: 'Notary office' },
      { code: '3', zh: '基层法律服务所', en: 'Grassroots legal service office' },
      { code: '4', zh: '司法鉴定机构', en: 'Forensic expertise institution' },
      { code: '5', zh: '仲裁委员会', en: 'Arbitration commission' },
      OTHER,
    ],
  },
  {
    code: '4',
    zh: '文化',
    en: 'Culture',
    entityTypes: [{ code: '1', zh: '外国在华文化中心', en: 'Foreign cultural centre in China' }, OTHER],
  },
  {
    code: '5',
    zh: '民政',
    en: 'Civil affairs',
    entityTypes: [
      { code: '1', zh: '社会团体', en: 'Social organisation' },
      { code: '2', zh: '民办非企业单位', en: 'Private non-enterprise unit' },
      { code: '3', zh: '基金会', en: 'Foundation' },
      OTHER,
    ],
  },
  {
    code: '6',
    zh: '旅游',
    en: 'Tourism',
    entityTypes: [
      { code: '1', zh: '外国旅游部门常驻代表机构', en: 'Resident office of a foreign tourism authority' },
      {
        code: '2',
        zh: '港澳台地区旅游部门常驻内地（大陆）代表机构',
        en: 'Resident office of a Hong Kong, Macao or Taiwan tourism authority',
      },
      OTHER,
    ],
  },
  {
    code: '7',
    zh: '宗教',
    en: 'Religious affairs',
    entityTypes: [
      { code: '1', zh: '宗教活动场所', en: 'Place of religious activity' },
      { code: '2', zh: '宗教院校', en: 'Religious school' },
      OTHER,
    ],
  },
  {
    code: '8',
    zh: '工会',
    en: 'Trade unions',
    entityTypes: [{ code: '1', zh: '基层工会', en: 'Grassroots trade union' }, OTHER],
  },
  {
    code: '9',
    zh: '工商',
    en: 'Industry and commerce (market regulation)',
    entityTypes: [
      { code: '1', zh: '企业', en: 'Enterprise' },
      { code: '2', zh: '个体工商户', en: 'Individual business' },
      { code: '3', zh: '农民专业合作社', en: "Farmers' specialised cooperative" },
    ],
  },
  {
    code: 'A',
    zh: '中央军委改革和编制办公室',
    en: 'Reform and Establishment Office of the Central Military Commission',
    entityTypes: [{ code: '1', zh: '军队事业单位', en: 'Military public institution' }, OTHER],
  },
  {
    code: 'N',
    zh: '农业',
    en: 'Agriculture and rural affairs',
    entityTypes: [
      { code: '1', zh: '组级集体经济组织', en: 'Group-level collective economic organisation' },
      { code: '2', zh: '村级集体经济组织', en: 'Village-level collective economic organisation' },
      { code: '3', zh: '乡镇级集体经济组织', en: 'Township-level collective economic organisation' },
      OTHER,
    ],
  },
  {
    code: 'Y',
    zh: '其他',
    en: 'Other',
    entityTypes: [{ code: '1', zh: '其他（不再细分机构类别）', en: 'Other (no further types)' }],
  },
];

const BY_CODE = new Map(REGISTRATION_AUTHORITIES.map((authority) => [authority.code, authority]));

/** The authority and entity type named by the first two characters, or undefined when the pair is not assigned. */
export const registrationOf = (
  authorityCode: string,
  entityTypeCode: string,
): { readonly authority: RegistrationAuthority; readonly entityType: Designation } | undefined => {
  const authority = BY_CODE.get(authorityCode);
  const entityType = authority?.entityTypes.find((type) => type.code === entityTypeCode);
  return authority && entityType ? { authority, entityType } : undefined;
};
