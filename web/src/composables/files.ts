/** A file as the service sends it (the GraphQL `File` type). */
export interface ServiceFile { fileName: string; mediaType: string; contentBase64: string }

/** Saves a file the service produced (XLSX exports, notice PDFs) under its own name. */
export function saveFile(f: ServiceFile) {
  const a = document.createElement('a')
  a.href = `data:${f.mediaType};base64,${f.contentBase64}`
  a.download = f.fileName
  a.click()
}

/** A picked file as base64, the way the service takes uploads. */
export async function fileToBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer())
  let bin = ''
  // in chunks: String.fromCharCode with a whole spreadsheet's bytes overflows the call stack
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(bin)
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
