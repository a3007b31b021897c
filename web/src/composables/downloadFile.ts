/** Saves a file the service returned as base64 (type File of the schema) under its own name. */
export function downloadBase64(file: { fileName: string; mediaType: string; contentBase64: string }) {
  const a = document.createElement('a')
  a.href = `data:${file.mediaType};base64,${file.contentBase64}`
  a.download = file.fileName
  a.click()
}

/** Downloads a URL that needs the bearer token (a plain link cannot carry it). */
export async function downloadWithToken(url: string, fileName: string, token: string | undefined) {
  const r = await fetch(url, { headers: token ? { Authorization: `Bearer ${token}` } : {} })
  if (!r.ok) throw new Error(`下载失败（HTTP ${r.status}）`)
  const href = URL.createObjectURL(await r.blob())
  const a = document.createElement('a')
  a.href = href
  a.download = fileName
  a.click()
  setTimeout(() => URL.revokeObjectURL(href), 10_000)
}
