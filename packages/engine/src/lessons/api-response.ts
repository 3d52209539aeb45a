/** The file name of the "API response" lesson's data, in the workspace's files folder. */
export const API_RESPONSE_FILE = 'lesson-accounts-response.json';

const ACCOUNTS = [
  ['acct_1001', 'Northwind Traders', 'team', 25, 'active', 'GB'],
  ['acct_1002', 'Blue Fern Studio', 'pro', 3, 'active', 'DE'],
  ['acct_1003', 'Kestrel Logistics', 'team', 40, 'past_due', 'US'],
  ['acct_1004', 'Maple & Oak', 'pro', 2, 'canceled', 'CA'],
  ['acct_1005', 'Lumen Health', 'team', 60, 'active', 'US'],
  ['acct_1006', 'Café Olé', 'pro', 4, 'active', 'FR'],
  ['acct_1007', 'Tidewater Labs', 'team', 12, 'trialing', 'NL'],
  ['acct_1008', 'Sakura Digital', 'pro', 5, 'active', 'JP'],
] as const;

/** A made-up but typical paginated JSON answer of a billing API: accounts under `data`, nested owner objects. */
export function apiResponseText(): string {
  const body = {
    object: 'list',
    url: '/v1/accounts',
    page: 1,
    has_more: false,
    data: ACCOUNTS.map(([id, name, plan, seats, status, country], i) => ({
      id,
      name,
      plan,
      seats,
      status,
      created: `2026-0${(i % 9) + 1}-1${i}T09:30:00Z`,
      owner: { email: `owner${i + 1}@example.com`, country },
    })),
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}
