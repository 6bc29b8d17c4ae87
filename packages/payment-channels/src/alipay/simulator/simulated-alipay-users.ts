/**
 * The Alipay members of the simulator's user authorisation. Their real names and ID numbers are those of the sandbox
 * population (packages/real-name/README.md, "Sandbox people": fictional, generated, pinned by a test there), so that a
 * person verified by registry in the sandbox can also authorise "their" Alipay account. Two are there to fail: one
 * whose certified name differs from the registry's for the same number, and one that never completed real-name
 * certification (实名认证).
 */
export interface SimulatedAlipayUser {
  /** The 16-digit Alipay user id (2088…). */
  readonly userId: string;
  readonly nickName: string;
  /** `T`: real-name certified; then `userName` and `certNo` are set. */
  readonly isCertified: 'T' | 'F';
  readonly userName?: string;
  /** Certificate type `0` is the resident identity card. */
  readonly certType?: '0';
  readonly certNo?: string;
  readonly gender?: 'M' | 'F';
  /** Why it is there, shown on the authorise page. */
  readonly note: string;
}

export const SIMULATED_ALIPAY_USERS: readonly SimulatedAlipayUser[] = [
  {
    userId: '2088000000000101',
    nickName: '张三的支付宝',
    isCertified: 'T',
    userName: '张三',
    certType: '0',
    certNo: '110105199003070113',
    gender: 'M',
    note: '已实名 · 与沙箱人口库一致',
  },
  {
    userId: '2088000000000102',
    nickName: '李四的支付宝',
    isCertified: 'T',
    userName: '李四',
    certType: '0',
    certNo: '310104198506150234',
    gender: 'M',
    note: '已实名 · 与沙箱人口库一致',
  },
  {
    userId: '2088000000000103',
    nickName: '王五的支付宝',
    isCertified: 'T',
    userName: '王五',
    certType: '0',
    certNo: '44030519781130035X',
    gender: 'M',
    note: '已实名 · 校验码 X',
  },
  {
    userId: '2088000000000104',
    nickName: '张叁的支付宝',
    isCertified: 'T',
    userName: '张叁',
    certType: '0',
    certNo: '110105199003070113',
    gender: 'M',
    note: '已实名 · 姓名与人口库不同（张三的号码）',
  },
  {
    userId: '2088000000000105',
    nickName: '未实名用户',
    isCertified: 'F',
    note: '未完成实名认证',
  },
];
