import { Client, cacheExchange, fetchExchange } from '@urql/vue'
import { accessToken } from './auth'

// Same origin as the service: no CORS, the token travels as a bearer header.
export const client = new Client({
  url: '/graphql',
  exchanges: [cacheExchange, fetchExchange],
  requestPolicy: 'cache-and-network',
  // the service answers GraphQL over POST only
  preferGetMethod: false,
  fetchOptions: (): RequestInit => {
    const token = accessToken()
    return token ? { headers: { Authorization: `Bearer ${token}` } } : {}
  },
})

/** The service's Chinese message of the first GraphQL error, or the network problem in Chinese. */
export function errorMessage(e: { graphQLErrors?: { message: string }[]; networkError?: Error } | undefined | null): string {
  if (!e) return ''
  if (e.graphQLErrors?.length) return e.graphQLErrors.map((g) => g.message).join('；')
  if (e.networkError) return `无法连接服务 (${e.networkError.message})`
  return '请求失败'
}
