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
