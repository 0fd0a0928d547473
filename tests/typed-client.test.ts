import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * README's "Typed clients" recipe, run as a frontend team would copy it: its files are taken from README as they
 * stand, GraphQL Code Generator runs on them against schema/schema.graphql, and TypeScript checks the result in
 * strict mode, with the scalars typed as the recipe promises (a Decimal is a string, not `unknown`).
 */
const ROOT = path.resolve(__dirname, '..');

/** The code block right after each `<!-- typed-client: <file> -->` marker in README.md. */
function recipeFiles(): Map<string, string> {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const files = new Map<string, string>();
  for (const match of readme.matchAll(/<!-- typed-client: (\S+) -->\n```ts\n([\s\S]*?)```/g)) files.set(match[1], match[2]);
  return files;
}

/** Types the recipe promises; each `@ts-expect-error` fails the check if its line compiles (e.g. with `unknown`). */
const TYPE_CHECKS = `import type { ResultOf, VariablesOf } from '@graphql-typed-document-node/core';
import { request, TopDeals } from './salesgraph';

type Deal = ResultOf<typeof TopDeals>['opportunities']['nodes'][number];
export const amount: Deal['amount'] = '1280000.00';
// @ts-expect-error a Decimal is a decimal string, never a number
export const floatAmount: Deal['amount'] = 1280000;
export const closes: Deal['expectedCloseDate'] = '2027-01-15';
// @ts-expect-error a LocalDate is an ISO string
export const closesDate: Deal['expectedCloseDate'] = new Date();
export const stage: Deal['stage'] = 'NEGOTIATION';
// @ts-expect-error stages are the schema's enum values
export const noStage: Deal['stage'] = 'SOMEDAY';
export const variables: VariablesOf<typeof TopDeals> = { first: 5 };
// @ts-expect-error variables are checked too
export const badVariables: VariablesOf<typeof TopDeals> = { first: 'five' };
export const deals = (token: string) => request(TopDeals, { first: 5 }, token).then((data) => data.opportunities.nodes.map((deal) => deal.customer?.name));
`;

describe('the typed-client recipe in README', () => {
  // Inside node_modules, so the generated code resolves graphql and the codegen packages the way a frontend would.
  const cache = path.join(ROOT, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(path.join(cache, 'typed-client-'));

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('generates types that compile in strict mode, with Decimal and dates as strings', () => {
    const files = recipeFiles();
    expect([...files.keys()].sort()).toEqual(['codegen.ts', 'src/salesgraph.ts']);
    for (const [file, content] of files) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), content);
    }
    copyFileSync(path.join(ROOT, 'schema', 'schema.graphql'), path.join(dir, 'salesgraph.graphql'));
    writeFileSync(path.join(dir, 'src', 'type-checks.ts'), TYPE_CHECKS);

    execFileSync(process.execPath, [path.join(ROOT, 'node_modules/@graphql-codegen/cli/cjs/bin.js'), '--config', 'codegen.ts', '--silent'], { cwd: dir, stdio: 'pipe' });

    const program = ts.createProgram([path.join(dir, 'src', 'salesgraph.ts'), path.join(dir, 'src', 'type-checks.ts')], {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
      types: [],
      skipLibCheck: true,
    });
    const problems = ts.getPreEmitDiagnostics(program).map((d) => `${d.file ? path.relative(dir, d.file.fileName) : ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    expect(problems).toEqual([]);
    expect(readFileSync(path.join(dir, 'src', 'gql', 'graphql.ts'), 'utf8')).not.toMatch(/amount\??: unknown/);
  }, 120_000);
});
