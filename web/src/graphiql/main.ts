// GraphiQL for integrators, bundled with the console (no CDN: it works on an offline township intranet) and
// signed in through the same Keycloak login as the console.
import { createElement } from 'react'
import { createRoot } from 'react-dom/client'
import { GraphiQL } from 'graphiql'
import { createGraphiQLFetcher } from '@graphiql/toolkit'
import 'graphiql/graphiql.css'
import { signedInUser, login, accessToken } from '@/auth'

const user = await signedInUser()
if (!user) {
  await login('/graphiql')
} else {
  const fetcher = createGraphiQLFetcher({
    url: '/graphql',
    fetch: (input, init) => fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), Authorization: `Bearer ${accessToken()}` } }),
  })
  createRoot(document.getElementById('graphiql')!).render(
    createElement(GraphiQL, { fetcher, defaultQuery: '# 当前用户 (who I am)\n{\n  me {\n    username\n    roles\n    township { name }\n  }\n}\n' }),
  )
}
