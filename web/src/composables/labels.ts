// Chinese names of the service's enums, as the seeds' forms print them.
export const CATEGORY: Record<string, string> = {
  VILLAGE: '农村', COMMUNITY: '社区', ORGAN: '机关', ENTERPRISE: '企业', HOSPITAL: '医院', SOCIAL_ORGANIZATION: '社会组织',
}
export const VILLAGE_TYPE: Record<string, string> = { WITH_POST: '有职', WITHOUT_POST: '无职', MOBILE: '流动' }
export const GENDER: Record<string, string> = { MALE: '男', FEMALE: '女' }
export const ORG_KIND: Record<string, string> = { COMMITTEE: '党委', GENERAL_BRANCH: '党总支', BRANCH: '党支部' }
export const BALLOT_FORM: Record<string, string> = { ITEM_SCORES: '分项打分', GRADE_VOTES: '等次投票', RATER_GROUPS: '分主体评分' }
export const PUBLICATION_STATE: Record<string, string> = { OPEN: '公示中', CLOSED: '公示期满', FINAL: '已确认最终结果' }
export const NOTICE_KIND: Record<string, string> = { WARNING: '告诫通知书', RECTIFICATION: '限期整改通知书' }
export const REMOVAL_GROUND: Record<string, string> = {
  UNQUALIFIED_UNREPENTANT: '不合格且拒不改正', SELF_SEPARATION: '自行脱党', PERSUADED_TO_LEAVE: '劝退',
}
export const REVIEW_STATUS: Record<string, string> = { PENDING: '待审核', APPROVED: '已通过', REJECTED: '已驳回' }

/** Options for an ElSelect from one of the maps above. */
export const options = (m: Record<string, string>) => Object.entries(m).map(([value, label]) => ({ value, label }))

/** A service timestamp as the clerk reads it (local time, 24 h). */
export const when = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleString('zh-CN', { hour12: false }) : '')

/** Today in the townships' zone: the service dates windows, deadlines and entries in China time, whatever the browser's zone. */
export const chinaToday = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' })
