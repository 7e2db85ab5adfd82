import zlib from 'node:zlib';
import { SANDBOX_INSTITUTIONS } from '../sandbox-institutions.js';

/** The sandbox institutions of plaid.md, with the colours and sites the simulator reports. */
export interface SimInstitution {
  id: string;
  name: string;
  color: string;
  url: string;
  country: 'US' | 'CA';
}

// The colours and sites the simulator reports for each sandbox institution.
const LOOKS: Record<string, { color: string; url: string }> = {
  ins_109508: { color: '#1f5fbf', url: 'https://www.firstplatypus.example' },
  ins_109509: { color: '#2e7d32', url: 'https://www.firstgingham.example' },
  ins_109510: { color: '#6a1b9a', url: 'https://www.tattersall.example' },
  ins_109511: { color: '#c62828', url: 'https://www.tartanbank.example' },
  ins_109512: { color: '#37474f', url: 'https://www.houndstooth.example' },
  ins_43: { color: '#ad1457', url: 'https://www.tartandominion.example' },
};

export const INSTITUTIONS: SimInstitution[] = SANDBOX_INSTITUTIONS.map((institution) => ({ ...institution, ...LOOKS[institution.id]! }));

export const findInstitution = (id: string) => INSTITUTIONS.find((institution) => institution.id === id);

export interface AccountTemplate {
  name: string;
  officialName: string | null;
  mask: string;
  type: 'depository' | 'credit' | 'loan' | 'investment' | 'other';
  subtype: string;
  available: number | null;
  current: number | null;
  limit: number | null;
}

/** The nine accounts of every `user_good` item (plaid.md), balances in dollars as Plaid sends them. */
export const ACCOUNTS: AccountTemplate[] = [
  { name: 'Plaid Checking', officialName: 'Plaid Gold Standard 0% Interest Checking', mask: '0000', type: 'depository', subtype: 'checking', available: 100, current: 110, limit: null },
  { name: 'Plaid Saving', officialName: 'Plaid Silver Standard 0.1% Interest Saving', mask: '1111', type: 'depository', subtype: 'savings', available: 200, current: 210, limit: null },
  { name: 'Plaid CD', officialName: 'Plaid Bronze Standard 0.2% Interest CD', mask: '2222', type: 'depository', subtype: 'cd', available: null, current: 1000, limit: null },
  { name: 'Plaid Credit Card', officialName: 'Plaid Diamond 12.5% APR Interest Credit Card', mask: '3333', type: 'credit', subtype: 'credit card', available: null, current: 410, limit: 2000 },
  { name: 'Plaid Money Market', officialName: 'Plaid Platinum Standard 1.85% Interest Money Market', mask: '4444', type: 'depository', subtype: 'money market', available: 43200, current: 43200, limit: null },
  { name: 'Plaid IRA', officialName: null, mask: '5555', type: 'investment', subtype: 'ira', available: null, current: 320.76, limit: null },
  { name: 'Plaid 401k', officialName: null, mask: '6666', type: 'investment', subtype: '401k', available: null, current: 23631.9805, limit: null },
  { name: 'Plaid Student Loan', officialName: null, mask: '7777', type: 'loan', subtype: 'student', available: null, current: 65262, limit: null },
  { name: 'Plaid Mortgage', officialName: null, mask: '8888', type: 'loan', subtype: 'mortgage', available: null, current: 56302.06, limit: null },
];

/** A small square PNG in the institution's colour, base64, as Plaid's `logo` field carries. */
export function logoPng(hex: string, size = 24): string {
  const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(size * 3).map((_, i) => [r, g, b][i % 3]!)]);
  const raw = Buffer.concat(Array.from({ length: size }, () => row));
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
  return png.toString('base64');
}
