import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type supertest from 'supertest';
import { createTestApp, type TestApp } from './support/test-app';

/**
 * README "Exports": each example (a ```bash block with a curl command, marked
 * `<!-- export-example: as <email> -->`) is sent as that login on the demo year, and the file must be what the
 * ```csv block after it shows — for an XLSX file, its sheet's cells, one row a line, comma-separated. The generation
 * time is the one line that differs from run to run: README's is kept when the file's has the same form.
 * EXPORT_README=write fills README's files in from the running code (review the diff before committing).
 */
const README_PATH = path.join(__dirname, '..', 'README.md');
const README = readFileSync(README_PATH, 'utf8');
const EXAMPLE = /<!-- export-example: as (\S+) -->\n```bash\n([\s\S]*?)```\n[\s\S]*?```csv\n([\s\S]*?)```\n/g;
const GENERATED_AT = /^(Generated at|生成时间),"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \(Asia\/Shanghai, GMT\+08:00\)"$/m;

interface Example {
  email: string;
  command: string;
  shown: string;
}

function examples(): Example[] {
  return [...README.matchAll(EXAMPLE)].map((match) => ({ email: match[1], command: match[2], shown: match[3] }));
}

let app: TestApp;

beforeAll(async () => {
  app = await createTestApp({}, { demoYear: true });
}, 120_000);

afterAll(() => app.close());

/** The request a curl command makes: method, path, headers (but the token), body, and the file it writes. */
function curl(command: string) {
  const line = command.replace(/\\\n\s*/g, ' ');
  const url = /'?http:\/\/localhost:4000(\/[^'\s]*)'?/.exec(line);
  if (url === null) throw new Error(`no URL in ${command}`);
  const headers = [...line.matchAll(/-H (?:'([^']*)'|"([^"]*)")/g)].map((match) => (match[1] ?? match[2]).split(/:\s*/, 2) as [string, string]).filter(([name]) => name.toLowerCase() !== 'authorization');
  const body = /-d '([^']*)'/.exec(line)?.[1];
  const output = /-o (\S+)/.exec(line)?.[1] ?? '';
  return { method: body === undefined ? 'GET' : 'POST', path: url[1], headers, body, xlsx: output.endsWith('.xlsx') };
}

const binary = (res: supertest.Response, callback: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
};

/** The file as README shows it: CSV text without its byte order mark, one line a row; XLSX as its cells in CSV. */
async function fileOf(example: Example): Promise<string> {
  const request = curl(example.command);
  let call = request.method === 'GET' ? app.request.get(request.path) : app.request.post(request.path).set('content-type', 'application/json').send(request.body!);
  for (const [name, value] of request.headers) call = call.set(name, value);
  const res = await call.set('authorization', `Bearer ${await app.tokenFor(example.email)}`).buffer(true).parse(binary);
  expect(res.status).toBe(200);
  const body = res.body as Buffer;
  if (!request.xlsx) return body.toString('utf8').replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  const rows: unknown[][] = [];
  for (let number = 1; number <= sheet.rowCount; number += 1) {
    const values = sheet.getRow(number).values;
    rows.push(Array.isArray(values) ? values.slice(1).map((value) => value ?? '') : []);
  }
  return stringify(rows);
}

it('has the section’s examples', () => {
  expect(examples().map((example) => curl(example.command).path.split('?')[0])).toEqual(['/export/receivablesAging.csv', '/export/collectionPerformance.xlsx', '/export']);
});

it('each example gives the file README shows', async () => {
  let text = README;
  for (const example of examples()) {
    let actual = await fileOf(example);
    const shownTime = GENERATED_AT.exec(example.shown);
    if (shownTime !== null && GENERATED_AT.test(actual)) actual = actual.replace(GENERATED_AT, shownTime[0]);
    if (process.env.EXPORT_README === 'write') text = text.replace(example.shown, actual);
    else expect({ example: example.command, file: example.shown }).toEqual({ example: example.command, file: actual });
  }
  if (process.env.EXPORT_README === 'write') writeFileSync(README_PATH, text);
});
