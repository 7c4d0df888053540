// The Date header as b4 re-emits it: Python's email package parses it (email.utils._parsedate_tz)
// and formats it again (format_datetime), so "Tue, 5 Mar 2024 10:00 +0100 (CET)" becomes
// "Tue, 05 Mar 2024 10:00:00 +0100". A date Python cannot read is kept as written.

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec',
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const DAYNAMES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const ZONES: Record<string, number> = {
  UT: 0, UTC: 0, GMT: 0, Z: 0, AST: -400, ADT: -300, EST: -500, EDT: -400,
  CST: -600, CDT: -500, MST: -700, MDT: -600, PST: -800, PDT: -700,
};
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const MON = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

interface Parsed {
  y: number; mo: number; d: number; h: number; mi: number; s: number;
  /** Offset in seconds east of UTC; null for "unknown zone" (Python's naive datetime). */
  tz: number | null;
}

/** Python's int(): optional sign, digits, surrounding blanks. */
function pyInt(s: string): number | null {
  return /^\s*[+-]?\d+\s*$/.test(s) ? parseInt(s, 10) : null;
}

function parseDateTz(input: string): Parsed | null {
  let data = input.split(/\s+/).filter(Boolean);
  if (!data.length) return null;
  if (data[0].endsWith(',') || DAYNAMES.includes(data[0].toLowerCase())) data.shift();
  else {
    const i = data[0].lastIndexOf(',');
    if (i >= 0) data[0] = data[0].slice(i + 1);
  }
  if (data.length === 3) {
    const stuff = data[0].split('-');
    if (stuff.length === 3) data = [...stuff, ...data.slice(1)];
  }
  if (data.length === 4) {
    const s = data[3];
    let i = s.indexOf('+');
    if (i === -1) i = s.indexOf('-');
    if (i > 0) data.splice(3, 1, s.slice(0, i), s.slice(i));
    else data.push('');
  }
  if (data.length < 5) return null;
  let [dd, mm, yy, tm, tz] = data.slice(0, 5);
  if (!dd || !mm || !yy) return null;
  mm = mm.toLowerCase();
  if (!MONTHS.includes(mm)) {
    [dd, mm] = [mm, dd.toLowerCase()];
    if (!MONTHS.includes(mm)) return null;
  }
  let month = MONTHS.indexOf(mm) + 1;
  if (month > 12) month -= 12;
  if (dd.endsWith(',')) dd = dd.slice(0, -1);
  if (yy.indexOf(':') > 0) [yy, tm] = [tm, yy];
  if (yy.endsWith(',')) {
    yy = yy.slice(0, -1);
    if (!yy) return null;
  }
  if (!/^\d/.test(yy)) [yy, tz] = [tz, yy];
  if (tm.endsWith(',')) tm = tm.slice(0, -1);
  let parts = tm.split(':');
  if (parts.length === 2) parts = [...parts, '0'];
  else if (parts.length === 1 && tm.includes('.')) {
    parts = tm.split('.');
    if (parts.length === 2) parts = [...parts, '0'];
    else if (parts.length !== 3) return null;
  } else if (parts.length !== 3) return null;
  const nums = [yy, dd, ...parts].map(pyInt);
  if (nums.some((n) => n === null)) return null;
  let [y, d, h, mi, s] = nums as number[];
  if (y < 100) y += y > 68 ? 1900 : 2000;
  let off: number | null = null;
  const zone = tz.toUpperCase();
  if (zone in ZONES) off = ZONES[zone];
  else {
    off = pyInt(zone);
    if (off === 0 && zone.startsWith('-')) off = null;
  }
  if (off) {
    const sign = off < 0 ? -1 : 1;
    const a = Math.abs(off);
    off = sign * (Math.floor(a / 100) * 3600 + (a % 100) * 60);
  }
  return { y, mo: month, d, h, mi, s, tz: off };
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

function validDate(p: Parsed): boolean {
  if (p.y < 1 || p.y > 9999 || p.h > 23 || p.mi > 59 || p.s > 59 || p.h < 0 || p.mi < 0 || p.s < 0) return false;
  const last = new Date(Date.UTC(2000, p.mo, 0)).getUTCDate();
  const leapFix = p.mo === 2 && !((p.y % 4 === 0 && p.y % 100 !== 0) || p.y % 400 === 0) ? 1 : 0;
  return p.d >= 1 && p.d <= last - leapFix;
}

function zoneText(tz: number | null): string {
  if (tz === null) return '-0000';
  const sign = tz < 0 ? '-' : '+';
  const a = Math.abs(tz);
  const text = `${sign}${pad(Math.floor(a / 3600))}${pad(Math.floor((a % 3600) / 60))}`;
  return a % 60 ? text + pad(a % 60) : text;
}

/** The Date value as Python's email package would print it after parsing. */
export function pythonDate(raw: string): string {
  const p = parseDateTz(raw);
  if (!p || !validDate(p) || (p.tz !== null && Math.abs(p.tz) >= 86400)) return raw;
  const probe = new Date(Date.UTC(2000, 0, 1));
  probe.setUTCFullYear(p.y, p.mo - 1, p.d);
  const weekday = WEEKDAYS[(probe.getUTCDay() + 6) % 7];
  return `${weekday}, ${pad(p.d)} ${MON[p.mo - 1]} ${pad(p.y, 4)} ${pad(p.h)}:${pad(p.mi)}:${pad(p.s)} ${zoneText(p.tz)}`;
}
