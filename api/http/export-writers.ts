import { stringify } from 'csv-stringify/sync';
import Decimal from 'decimal.js';
import ExcelJS from 'exceljs';
import type { Response } from 'express';
import type { Language } from '../i18n';
import type { ExportColumn } from './export-document';

/** A cell as written: text, a number (XLSX only; CSV writes the text GraphQL gave), or empty. */
export type Cell = string | number | boolean | null;

/** What the block above the table says: the report, when and in which time zone it was made, its filters. */
export interface ExportHeading {
  title: string;
  language: Language;
  generatedAt: Date;
  timeZone: string;
  /** The variables as they applied (given, or their defaults). */
  filters: [string, unknown][];
  /** The table's column headers, one per column. */
  headers: string[];
  columns: ExportColumn[];
}

/** What the block below the table says: how many rows, which columns were refused to the viewer, whether it was cut. */
export interface ExportFooting {
  rows: number;
  /** Column key → rows in which its value was refused (FORBIDDEN, or a record out of the viewer's reach). */
  refused: ReadonlyMap<string, number>;
  /** Set when the export stopped at the row limit. */
  truncatedAt: number | null;
}

/** Streams one export: the heading, the pages of rows as they come, the footing. */
export interface ExportWriter {
  readonly contentType: string;
  readonly extension: 'csv' | 'xlsx';
  start(heading: ExportHeading): Promise<void>;
  /** Writes a page and waits until the client has taken enough of it (backpressure). */
  write(rows: Cell[][]): Promise<void>;
  finish(footing: ExportFooting): Promise<void>;
  /** The client went away: stop, release what is held. */
  abort(): void;
}

/** The file formats an export is made in: `format` of `POST /export`, the extension of `GET /export/<name>.<format>`. */
export type ExportFormat = 'csv' | 'xlsx';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['csv', 'xlsx'];

/** The words of the blocks above and below the table. */
const WORDS: Record<Language, Record<'report' | 'generatedAt' | 'filter' | 'rows' | 'refused' | 'none' | 'truncated', string> & { inRows(rows: number): string }> = {
  en: {
    report: 'Report',
    generatedAt: 'Generated at',
    filter: 'Filter: ',
    rows: 'Rows',
    refused: 'Refused columns',
    none: 'none',
    truncated: 'Truncated at the row limit',
    inRows: (rows) => (rows === 1 ? '1 row' : `${rows} rows`),
  },
  'zh-CN': {
    report: '报表',
    generatedAt: '生成时间',
    filter: '筛选：',
    rows: '行数',
    refused: '无权查看的列',
    none: '无',
    truncated: '已在行数上限处截断',
    inRows: (rows) => `${rows} 行`,
  },
};

/** `2026-12-05 21:30:12 (Asia/Shanghai, GMT+08:00)`: the company's wall clock, with its zone and offset. */
export function companyTime(at: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', timeZoneName: 'longOffset' })
      .formatToParts(at)
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second} (${timeZone}, ${parts.timeZoneName})`;
}

const filterText = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));

function headingLines(heading: ExportHeading): Cell[][] {
  const words = WORDS[heading.language];
  return [
    [words.report, heading.title],
    [words.generatedAt, companyTime(heading.generatedAt, heading.timeZone)],
    ...heading.filters.map(([name, value]): Cell[] => [`${words.filter}${name}`, filterText(value)]),
  ];
}

function footingLines(footing: ExportFooting, language: Language): Cell[][] {
  const words = WORDS[language];
  const refused = [...footing.refused].map(([column, rows]) => `${column} (${words.inRows(rows)})`).join('; ');
  return [
    [words.rows, footing.rows],
    [words.refused, refused === '' ? words.none : refused],
    ...(footing.truncatedAt === null ? [] : [[words.truncated, footing.truncatedAt]]),
  ];
}

/** Resolves when `res` may take more, or is gone: the export never buffers more than a page ahead of the client. */
function drained(res: Response, full: boolean): Promise<void> {
  if (!full || res.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/** Sends what compression holds back (the middleware adds `flush`), so each page reaches the client as it is written. */
function flush(res: Response): void {
  (res as Response & { flush?: () => void }).flush?.();
}

const TEXT_TYPES = new Set(['String', 'ID']);

/**
 * A text cell that starts like a formula (`=`, `+`, `-`, `@`, tab, carriage return) gets a leading `'`, so a
 * spreadsheet opening the CSV shows it instead of running it (OWASP's advice on CSV injection). Only text columns:
 * a negative amount stays a number.
 */
function guardFormula(value: Cell, column: ExportColumn): Cell {
  return typeof value === 'string' && TEXT_TYPES.has(column.type) && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** CSV (RFC 4180, CRLF), UTF-8 with a byte order mark so Excel reads Chinese text; each page is one write. */
export class CsvWriter implements ExportWriter {
  readonly contentType = 'text/csv; charset=utf-8';
  readonly extension = 'csv';
  private columns: ExportColumn[] = [];
  private language: Language = 'en';

  constructor(private readonly res: Response) {}

  private async send(records: Cell[][], bom = false): Promise<void> {
    if (this.res.destroyed) return;
    const text = stringify(records, { record_delimiter: 'windows', cast: { boolean: (value) => String(value) } });
    const full = !this.res.write(bom ? `\uFEFF${text}` : text);
    flush(this.res);
    await drained(this.res, full);
  }

  async start(heading: ExportHeading): Promise<void> {
    this.columns = heading.columns;
    this.language = heading.language;
    await this.send([...headingLines(heading), [], heading.headers], true);
  }

  async write(rows: Cell[][]): Promise<void> {
    await this.send(rows.map((row) => row.map((value, index) => guardFormula(value, this.columns[index]))));
  }

  async finish(footing: ExportFooting): Promise<void> {
    await this.send([[], ...footingLines(footing, this.language)]);
    if (this.res.destroyed) return;
    const finished = new Promise<void>((resolve) => {
      this.res.once('finish', resolve);
      this.res.once('close', resolve);
    });
    this.res.end();
    await finished;
  }

  abort(): void {
    this.res.destroy();
  }
}

const NUMBER_TYPES = new Set(['Int', 'Float', 'Decimal']);

/** A decimal string as an Excel number when the number holds it exactly, with as many decimals shown as it has. */
function numberCell(value: Cell): { value: Cell; numFmt?: string } {
  if (typeof value !== 'string') return { value };
  const number = Number(value);
  if (!Number.isFinite(number) || !new Decimal(String(number)).eq(new Decimal(value))) return { value };
  const decimals = value.split('.')[1]?.length ?? 0;
  return { value: number, numFmt: decimals === 0 ? '#,##0' : `#,##0.${'0'.repeat(decimals)}` };
}

/** XLSX through exceljs's streaming writer: rows are committed as they come and leave as zip data; no shared strings. */
export class XlsxWriter implements ExportWriter {
  readonly contentType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  readonly extension = 'xlsx';
  private readonly workbook: ExcelJS.stream.xlsx.WorkbookWriter;
  private sheet: ExcelJS.Worksheet | undefined;
  private columns: ExportColumn[] = [];
  private language: Language = 'en';

  constructor(private readonly res: Response) {
    this.workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: res, useStyles: true, useSharedStrings: false });
  }

  private get zip(): { unpipe(): void; abort(): void } {
    return (this.workbook as unknown as { zip: { unpipe(): void; abort(): void } }).zip;
  }

  async start(heading: ExportHeading): Promise<void> {
    this.columns = heading.columns;
    this.language = heading.language;
    this.workbook.creator = 'SalesGraph';
    this.workbook.created = heading.generatedAt;
    const lines = headingLines(heading);
    // The column headers stay in view while the rows scroll.
    const headerRow = lines.length + 2;
    const sheet = this.workbook.addWorksheet(heading.title.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Export', { views: [{ state: 'frozen', ySplit: headerRow }] });
    this.sheet = sheet;
    for (const line of lines) sheet.addRow(line).commit();
    sheet.addRow([]).commit();
    const header = sheet.addRow(heading.headers);
    header.font = { bold: true };
    header.commit();
  }

  async write(rows: Cell[][]): Promise<void> {
    const sheet = this.sheet!;
    for (const values of rows) {
      const row = sheet.addRow([]);
      values.forEach((value, index) => {
        if (value === null) return;
        const cell = row.getCell(index + 1);
        const column = this.columns[index];
        if (column !== undefined && NUMBER_TYPES.has(column.type) && !column.list) {
          const { value: written, numFmt } = numberCell(value);
          cell.value = written;
          if (numFmt !== undefined) cell.numFmt = numFmt;
        } else {
          cell.value = value;
        }
      });
      row.commit();
    }
    flush(this.res);
    await drained(this.res, this.res.writableNeedDrain);
  }

  async finish(footing: ExportFooting): Promise<void> {
    const sheet = this.sheet!;
    sheet.addRow([]).commit();
    for (const line of footingLines(footing, this.language)) sheet.addRow(line).commit();
    sheet.commit();
    // Resolves once the zip is finalised and the response has ended.
    await this.workbook.commit();
  }

  abort(): void {
    try {
      this.zip.unpipe();
      this.zip.abort();
    } finally {
      this.res.destroy();
    }
  }
}

/** The writer that streams `format` into `res`. */
export function exportWriter(format: ExportFormat, res: Response): ExportWriter {
  return format === 'csv' ? new CsvWriter(res) : new XlsxWriter(res);
}
