import zlib from 'node:zlib'

/** A small red PNG made here, so evidence upload and viewing need no file from elsewhere. */
export function tinyPng(): string {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    return c >>> 0
  })
  const crc = (b: Buffer) => { let c = 0xffffffff; for (const x of b) c = crcTable[(c ^ x) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0 }
  const chunk = (type: string, data: Buffer) => {
    const t = Buffer.concat([Buffer.from(type, 'ascii'), data])
    const len = Buffer.alloc(4); len.writeUInt32BE(data.length)
    const c = Buffer.alloc(4); c.writeUInt32BE(crc(t))
    return Buffer.concat([len, t, c])
  }
  const ihdr = Buffer.alloc(13); ihdr.writeUInt32BE(16, 0); ihdr.writeUInt32BE(16, 4); ihdr[8] = 8; ihdr[9] = 2
  const raw = Buffer.concat(Array.from({ length: 16 }, () => Buffer.concat([Buffer.from([0]), Buffer.alloc(48, 0).fill(Buffer.from([200, 30, 40]))])))
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]).toString('base64')
}

/** Grades as the console names them (the service answers codes). */
export const GRADE: Record<string, string> = { EXCELLENT: '优秀', QUALIFIED: '合格', BASIC: '基本合格', UNQUALIFIED: '不合格' }

// the day and month as the service counts them: its clock is China time (ClockConfig), whatever the machine's zone,
// so from 16:00 UTC on a month's last day it is already the next month there
export const today = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' })
export const thisYear = () => Number(today().slice(0, 4))
export const thisMonth = () => Number(today().slice(5, 7))
