import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import { useSession } from '@/stores/session'
import { login } from '@/auth'

// Every page is its own chunk: the voting page and the card do not carry the grid or other pages.
const routes: RouteRecordRaw[] = [
  { path: '/callback', component: () => import('@/views/CallbackView.vue'), meta: { public: true } },
  // weba: the public board, no account (the township's setting decides)
  { path: '/public/:township/:branch?', component: () => import('@/public-board/PublicBoardView.vue'), meta: { public: true, title: '公示栏' } },
  // end weba
  { path: '/vote/:code?', component: () => import('@/views/VoteView.vue'), meta: { public: true, title: '民主测评' } },
  {
    path: '/',
    component: () => import('@/views/LayoutView.vue'),
    children: [
      { path: '', component: () => import('@/views/HomeView.vue') },
      { path: 'card/:memberId?', component: () => import('@/views/CardView.vue'), meta: { title: '我的积分卡' } },
      { path: 'sheet', component: () => import('@/views/SheetView.vue'), meta: { title: '月度积分表' } },
      { path: 'township', component: () => import('@/views/TownshipView.vue'), meta: { title: '全镇概况' } },
      { path: 'rankings', component: () => import('@/views/RankingView.vue'), meta: { title: '积分排名' } },
      { path: 'board', component: () => import('@/views/BoardView.vue'), meta: { title: '公示栏' } },
      // weba: audit trail, county dashboard, operator console (roles: Role values of the service)
      { path: 'audit', component: () => import('@/audit/AuditView.vue'), meta: { title: '审计日志', roles: ['TENANT_ADMIN', 'PLATFORM_ADMIN'] } },
      { path: 'county', component: () => import('@/county/CountyView.vue'), meta: { title: '县级评审', roles: ['COUNTY_REVIEWER'] } },
      { path: 'operator', component: () => import('@/operator/OperatorView.vue'), meta: { title: '平台运维', roles: ['PLATFORM_ADMIN'] } },
      // end weba
      { path: 'nothing', component: () => import('@/views/NoHomeView.vue') },
      // --- township administration (issue 16): organization, ballots, year end ---
      { path: 'org', component: () => import('@/org/OrgView.vue'), meta: { title: '组织与名册', roles: ['TENANT_ADMIN'] } },
      { path: 'ballots', component: () => import('@/ballots/BallotsView.vue'), meta: { title: '民主测评', roles: ['TENANT_ADMIN', 'BRANCH_SECRETARY'] } },
      { path: 'schemes', component: () => import('@/schemes/SchemesView.vue'), meta: { title: '积分方案', roles: ['TENANT_ADMIN'] } },
      { path: 'year-end', component: () => import('@/yearend/YearEndView.vue'), meta: { title: '年终评定', roles: ['TENANT_ADMIN', 'BRANCH_SECRETARY'] } },
      // --- end township administration ---
    ],
  },
  { path: '/:pathMatch(.*)*', component: () => import('@/views/NotFoundView.vue'), meta: { public: true } },
]

export const router = createRouter({ history: createWebHistory(), routes })

/** Whether a person with these roles may open the path: one rule for the guard below and for the navigation bar. */
export function mayOpen(path: string, roles: readonly string[]): boolean {
  const allowed = router.resolve(path).meta.roles as string[] | undefined
  return !allowed || allowed.some((r) => roles.includes(r))
}

router.beforeEach(async (to) => {
  document.title = to.meta.title ? `${to.meta.title as string} · 党员积分制管理平台` : '党员积分制管理平台'
  if (to.meta.public) return true
  const session = useSession()
  const me = await session.load()
  // a page for some roles only; anyone else goes to their own home
  if (me && !mayOpen(to.path, me.roles)) return session.homePath
  if (me) return true
  if (session.error) return to.path === '/nothing' ? true : '/nothing'
  await login(to.fullPath)
  return false
})
