// Chinese names of the service's codes on the county pages.
export const CATEGORY: Record<string, string> = {
  VILLAGE: '农村', COMMUNITY: '社区', ORGAN: '机关', ENTERPRISE: '企业', HOSPITAL: '医院', SOCIAL_ORGANIZATION: '社会组织',
}
export const GRADE: Record<string, string> = { EXCELLENT: '优秀', QUALIFIED: '合格', BASIC: '基本合格', UNQUALIFIED: '不合格' }
export const RULE: Record<string, string> = {
  UNIFORM_SCORING: '大锅饭（评分趋同）',
  LATE_CONFIRMATION: '月表确认过晚',
  SAME_DAY_ENTRY: '多月同日集中录入',
  RUBBER_STAMP_BALLOT: '测评一边倒',
  QUORUM_BARELY_MET: '测评人数刚够',
  SELF_ASSESSMENT_COPIED: '照抄自评',
  QUOTA_EDGE: '评星卡名额（轮流坐庄）',
}
export const percent = (v: string | null | undefined) => (v == null ? '—' : `${(Number(v) * 100).toFixed(1)}%`)
export const figure = (v: string | number | null | undefined) => (v == null ? '—' : String(v))
