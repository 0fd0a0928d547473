import { getMetadataStorage as validatorMetadata } from 'class-validator';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { getMetadataStorage as graphqlMetadata } from 'type-graphql';
import { CatalogError, CatalogErrorCode } from '../../../schema/catalog/catalog.errors';
import { ChannelError, ChannelErrorCode } from '../../../schema/channels/channels.errors';
import { CustomerError, CustomerErrorCode } from '../../../schema/customers/customers.errors';
import { FollowUpError, FollowUpErrorCode } from '../../../schema/customers/follow-up.errors';
import { OrdersError, OrdersErrorCode } from '../../../schema/orders/orders.errors';
import { OrgError, OrgErrorCode } from '../../../schema/org/org.errors';
import { PipelineError, PipelineErrorCode } from '../../../schema/pipeline/pipeline.errors';
import { AppraisalsError, AppraisalsErrorCode } from '../../../schema/targets/appraisals.errors';
import { ExportError, ExportErrorCode } from '../../http/export-errors';
import { AppError, ErrorCode, ForbiddenError, QueryLimit, QueryLimitError, ServiceUnavailableError, UnauthenticatedError, UserInputError } from '../../errors';
import '../../schema';
import { CONSTRAINT_MESSAGES } from '../../validation';
import { LANGUAGES, msg, pickLanguage, translate, type Language } from '..';
import { ZH_CN } from '../zh-CN';

/**
 * The catalogue's completeness: every message the code can raise has its Chinese (the compiler checks that a message
 * is in the catalogue; this checks what it cannot), both sides take the same values, and nothing in it is stale.
 */

const ENTRIES = Object.entries(ZH_CN) as [string, string][];
const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1]).sort();
const HAN = /\p{Script=Han}/u;
/** Words outside the placeholders: a message of only punctuation and placeholders needs no Chinese word. */
const hasWords = (text: string) => /[A-Za-z]{2,}/.test(text.replace(/\{\{\w+\}\}/g, ''));
/** Names i18next reads as options rather than as values. */
const I18NEXT_OPTIONS = ['count', 'context', 'lng', 'lngs', 'ns', 'defaultValue', 'ordinal', 'replace', 'returnObjects', 'returnDetails', 'joinArrays', 'postProcess', 'interpolation', 'keyPrefix', 'fallbackLng'];

describe('the zh-CN catalogue', () => {
  it.each(ENTRIES)('%p has a Chinese translation with the same placeholders', (english, chinese) => {
    expect(placeholders(chinese)).toEqual(placeholders(english));
    expect(chinese.trim()).not.toBe('');
    if (hasWords(english)) expect(chinese).toMatch(HAN);
    for (const name of placeholders(english)) expect(I18NEXT_OPTIONS).not.toContain(name);
  });

  it('holds only messages the code uses', () => {
    const root = path.join(__dirname, '..', '..', '..');
    const sources = ['api', 'schema', 'admin']
      .flatMap((dir) => readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' }).map((file) => path.join(dir, file)))
      .filter((file) => /\.tsx?$/.test(file) && !file.includes('__tests__') && !file.includes('.keystone') && !file.endsWith(path.join('i18n', 'zh-CN.ts')))
      .map((file) => readFileSync(path.join(root, file), 'utf8'))
      .join('\n');
    const unused = ENTRIES.map(([english]) => english).filter((english) => !["'", '"', '`'].some((quote) => sources.includes(`${quote}${english}${quote}`)));
    expect(unused).toEqual([]);
  });
});

/** Each module's error codes: every one of them, built as the module builds it. */
const MODULE_ERRORS: [string, () => AppError[]][] = [
  ['catalog', () => Object.values(CatalogErrorCode).map((code) => new CatalogError(code))],
  ['channels', () => Object.values(ChannelErrorCode).map((code) => new ChannelError(code))],
  ['customers', () => Object.values(CustomerErrorCode).map((code) => new CustomerError(code))],
  ['orders', () => Object.values(OrdersErrorCode).map((code) => new OrdersError(code))],
  ['org', () => Object.values(OrgErrorCode).map((code) => new OrgError(code))],
  ['pipeline', () => Object.values(PipelineErrorCode).map((code) => new PipelineError(code))],
  ['appraisals', () => Object.values(AppraisalsErrorCode).map((code) => new AppraisalsError(code))],
  ['follow-up', () => Object.values(FollowUpErrorCode).map((code) => new FollowUpError(code))],
  ['export', () => Object.values(ExportErrorCode).map((code) => new ExportError(code))],
  ['api', () => [new UnauthenticatedError(), new ForbiddenError(), new ServiceUnavailableError(), UserInputError.field('input.name', 'must not be empty')]],
  ['query limits', () => Object.values(QueryLimit).flatMap((limit) => [new QueryLimitError(limit, 10), new QueryLimitError(limit, 10, 12)])],
];

describe.each(MODULE_ERRORS)('every %s error', (_module, errors) => {
  it('has its message in English (the same as its own) and in Chinese, and its code and reason in neither', () => {
    for (const error of errors()) {
      expect(error.localize('en').message).toBe(error.message);
      const chinese = error.localize('zh-CN').message;
      expect(chinese).toMatch(HAN);
      expect(chinese).not.toContain(String(error.extensions.reason ?? '\0'));
      expect(Object.values(ErrorCode)).toContain(error.code);
    }
  });
});

describe('errors that carry text in their extensions', () => {
  it('a module error with a field and a detail gives both in the language asked for', () => {
    const error = new PipelineError(PipelineErrorCode.REASON_REQUIRED, { field: 'input.reason', detail: msg('Reopen it before moving from {{from}} to {{to}}.', { from: 'WON', to: 'PROPOSAL' }) });
    expect(error.message).toBe('A reason is required for this change. Reopen it before moving from WON to PROPOSAL.');
    expect(error.extensions).toMatchObject({ reason: 'REASON_REQUIRED', detail: 'Reopen it before moving from WON to PROPOSAL.', fields: [{ path: 'input.reason', message: error.message }] });
    expect(error.localize('zh-CN')).toEqual({
      message: '此变更需要填写原因。从 WON 变更到 PROPOSAL 之前请先重新打开。',
      extensions: { detail: '从 WON 变更到 PROPOSAL 之前请先重新打开。', fields: [{ path: 'input.reason', message: '此变更需要填写原因。从 WON 变更到 PROPOSAL 之前请先重新打开。' }] },
    });
  });

  it('BAD_USER_INPUT lists every field in the language asked for', () => {
    const error = new UserInputError([
      { path: 'input.title', message: 'must not be blank' },
      { path: 'input.endDate', message: msg('must not be before the start date ({{day}})', { day: '2026-01-01' }) },
    ]);
    expect(error.message).toBe('Invalid input. input.title: must not be blank; input.endDate: must not be before the start date (2026-01-01)');
    expect(error.localize('zh-CN')).toEqual({
      message: '输入无效。input.title：不能为空；input.endDate：不能早于开始日期（2026-01-01）',
      extensions: {
        fields: [
          { path: 'input.title', message: '不能为空' },
          { path: 'input.endDate', message: '不能早于开始日期（2026-01-01）' },
        ],
      },
    });
  });

  it('a value is never read as i18next syntax', () => {
    const tricky = '{{team}} $t(Internal server error) <b>';
    expect(translate(msg('{{team}} has no active sales rep to assign to', { team: tricky }), 'zh-CN')).toBe(`${tricky}没有可分配的在职销售代表`);
  });
});

describe('class-validator’s messages', () => {
  it('every constraint an input type declares has its wording in both languages', () => {
    const storage = graphqlMetadata();
    const targets = new Set<Function>([...storage.inputTypes, ...storage.argumentTypes].map((type) => type.target));
    const constraints = new Set<string>();
    for (const target of targets) {
      for (const metadata of validatorMetadata().getTargetValidationMetadatas(target, '', true, false)) {
        // Custom validations are the ones with messages (IsOptional and ValidateNested only steer validation).
        if (metadata.type === 'customValidation' && metadata.name !== undefined) constraints.add(metadata.name);
      }
    }
    expect(constraints.size).toBeGreaterThan(5);
    expect([...constraints].filter((name) => CONSTRAINT_MESSAGES[name] === undefined)).toEqual([]);
  });
});

describe('the language of a request', () => {
  it.each<[string[], Language]>([
    [[], 'en'],
    [['zh'], 'zh-CN'],
    [['zh-Hans'], 'zh-CN'],
    [['zh_CN'], 'zh-CN'],
    [['de', 'en-GB', 'zh'], 'en'],
    [['ja', 'zh-TW'], 'zh-CN'],
  ])('%p → %s', (preferences, language) => {
    expect(pickLanguage(preferences)).toBe(language);
    expect(LANGUAGES).toContain(language);
  });
});
