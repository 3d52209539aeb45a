const FACILITIES = [
  'kern',
  'user',
  'mail',
  'daemon',
  'auth',
  'syslog',
  'lpr',
  'news',
  'uucp',
  'cron',
  'authpriv',
  'ftp',
  'ntp',
  'security',
  'console',
  'solaris-cron',
  'local0',
  'local1',
  'local2',
  'local3',
  'local4',
  'local5',
  'local6',
  'local7',
];
const SEVERITIES = ['emerg', 'alert', 'crit', 'err', 'warning', 'notice', 'info', 'debug'];

/** The facility and severity names of a syslog `<PRI>` value (`<34>` -> auth, crit); nulls when absent or invalid. */
export function priority(pri: string | undefined): [string | null, string | null] {
  if (pri === undefined) return [null, null];
  const n = Number(pri);
  if (!Number.isInteger(n) || n < 0 || n > 191) return [null, null];
  return [FACILITIES[n >> 3] ?? null, SEVERITIES[n & 7] ?? null];
}
