/** IPv4/IPv6 parsing and CIDR membership for ip-unexpected. Pure. */

/** The address as a bigint plus its bit width, or null when it is not an address. */
export function parseIp(text: string): { value: bigint; bits: 32 | 128 } | null {
  const s = text.trim();
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (v4 !== null) {
    const parts = v4.slice(1).map(Number);
    if (parts.some((p) => p > 255)) return null;
    return { value: parts.reduce((acc, p) => (acc << 8n) | BigInt(p), 0n), bits: 32 };
  }
  if (!s.includes(':') || !/^[0-9a-fA-F:.]+$/.test(s)) return null;
  let head = s;
  let tail4: bigint[] = [];
  const lastColon = s.lastIndexOf(':');
  if (s.slice(lastColon + 1).includes('.')) {
    // IPv4-mapped tail, e.g. ::ffff:203.0.113.7
    const mapped = parseIp(s.slice(lastColon + 1));
    if (mapped === null || mapped.bits !== 32) return null;
    tail4 = [mapped.value >> 16n, mapped.value & 0xffffn];
    head = s.slice(0, lastColon + 1) + (s[lastColon - 1] === ':' ? '' : '0');
    if (head.endsWith(':0')) head = head.slice(0, -2);
  }
  const halves = head.split('::');
  if (halves.length > 2) return null;
  const toGroups = (part: string | undefined): string[] => (part === undefined || part === '' ? [] : part.split(':'));
  const left = toGroups(halves[0]);
  const right = toGroups(halves[1]);
  const want = 8 - tail4.length;
  let groups: string[];
  if (halves.length === 2) {
    const fill = want - left.length - right.length;
    if (fill < 0) return null;
    groups = [...left, ...Array<string>(fill).fill('0'), ...right];
  } else groups = left;
  if (groups.length !== want || groups.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return null;
  const all = [...groups.map((g) => BigInt(parseInt(g, 16))), ...tail4];
  return { value: all.reduce((acc, g) => (acc << 16n) | g, 0n), bits: 128 };
}

/** Whether `ip` equals an address or falls in a CIDR range of `allowed`. */
export function ipInAny(ip: string, allowed: readonly string[]): boolean {
  const addr = parseIp(ip.includes('/') ? (ip.split('/')[0] ?? '') : ip);
  if (addr === null) return allowed.includes(ip.trim());
  const ownPrefix = ip.includes('/') ? Number(ip.split('/')[1]) : addr.bits;
  return allowed.some((entry) => {
    const [base, prefixText] = entry.split('/');
    const net = parseIp(base ?? '');
    if (net === null || net.bits !== addr.bits) return false;
    const prefix = prefixText === undefined ? net.bits : Number(prefixText);
    if (!Number.isInteger(prefix) || prefix < 0 || prefix > net.bits) return false;
    // A whitelisted range is inside an expected one only if it is at least as narrow.
    if (ownPrefix < prefix) return false;
    const shift = BigInt(net.bits - prefix);
    return addr.value >> shift === net.value >> shift;
  });
}
