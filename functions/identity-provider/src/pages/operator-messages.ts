import type { Locale } from './locale.ts';

/** Texts of the operator pages (the choice at sign-in and the company's operator list), in both languages. */
const zh = {
  chooseTitle: '选择办事身份',
  chooseLead: '您是以下单位授权的经办人。本次在该门户办事，您代表：',
  myself: '本人（个人身份）',
  actFor: '代表',
  continue: '继续',
  operatorsTitle: '经办人',
  operatorsLead: '经本单位授权、可代表本单位在各门户办事的个人。撤销后，其下次登录即不能再代表本单位。',
  operatorsNone: '尚未授权任何经办人。',
  operatorsCertificateOnly: '使用企业数字证书登录后，可在此授权或撤销经办人。',
  operatorName: '姓名',
  operatorCitizenId: '身份证号码',
  operatorGrantedAt: '授权时间',
  operatorStatus: '状态',
  operatorActive: '有效',
  operatorRevoked: '已撤销',
  revoke: '撤销',
  grantTitle: '授权新的经办人',
  grantHint: '请输入经办人身份证上的姓名和身份证号码。经办人须在本人账号完成身份证号码核验后才能代表本单位。',
  grant: '授权',
  granted: '已授权。',
  revoked: '已撤销授权。',
};

type OperatorMessages = typeof zh;

const en: OperatorMessages = {
  chooseTitle: 'Who are you acting as?',
  chooseLead: 'These companies have authorised you as their operator. At this portal, this time, you act as:',
  myself: 'Myself (as a person)',
  actFor: 'For',
  continue: 'Continue',
  operatorsTitle: 'Operators',
  operatorsLead:
    'People this company has authorised to act for it at the portals. A revoked operator can no longer act for it from their next sign-in.',
  operatorsNone: 'No operator has been authorised yet.',
  operatorsCertificateOnly: 'Sign in with the enterprise certificate to authorise or revoke operators here.',
  operatorName: 'Name',
  operatorCitizenId: 'Citizen ID number',
  operatorGrantedAt: 'Authorised',
  operatorStatus: 'Status',
  operatorActive: 'active',
  operatorRevoked: 'revoked',
  revoke: 'Revoke',
  grantTitle: 'Authorise a new operator',
  grantHint:
    "Enter the name and citizen ID number on the operator's ID card. They can act for the company once they have verified that ID number on their own account.",
  grant: 'Authorise',
  granted: 'Authorised.',
  revoked: 'Authorisation revoked.',
};

export const operatorMessages = (locale: Locale): OperatorMessages => (locale === 'en' ? en : zh);
