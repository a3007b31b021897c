import type { RosterFormat } from '@/generated/graphql'

/** A roster file as the clerk sees it: the header and each non-blank row with its spreadsheet row number. */
export interface RosterPreview { header: string[]; rows: { row: number; cells: string[] }[] }

/**
 * Reads a roster for the preview only; the service parses the same file again and alone decides what is valid.
 * Row numbers count as the service counts them: the header is row 1 and blank rows keep their number.
 * Papa Parse and ExcelJS are loaded on demand so the page itself stays light.
 */
export async function readRoster(file: File, format: RosterFormat): Promise<RosterPreview> {
  const table = format === 'XLSX' ? await readXlsx(file) : await readCsv(file)
  const [header = [], ...rest] = table
  const rows = rest
    .map((cells, i) => ({ row: i + 2, cells }))
    .filter((r) => r.cells.some((c) => c.trim() !== ''))
  return { header: header.map((h) => h.trim()), rows }
}

async function readCsv(file: File): Promise<string[][]> {
  const Papa = (await import('papaparse')).default
  const text = (await file.text()).replace(/^\uFEFF/, '')
  return Papa.parse<string[]>(text, { skipEmptyLines: false }).data.map((r) => r.map((c) => c.trim()))
}

async function readXlsx(file: File): Promise<string[][]> {
  const { Workbook } = (await import('exceljs')).default
  const wb = new Workbook()
  await wb.xlsx.load(await file.arrayBuffer())
  const sheet = wb.worksheets[0]
  if (!sheet) return []
  const table: string[][] = []
  sheet.eachRow({ includeEmpty: true }, (row, n) => {
    const cells: string[] = []
    row.eachCell({ includeEmpty: true }, (cell, c) => { cells[c - 1] = cell.text?.trim() ?? '' })
    table[n - 1] = Array.from(cells, (c) => c ?? '')
  })
  return Array.from(table, (r) => r ?? [])
}
