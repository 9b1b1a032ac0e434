import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import * as ts from 'typescript';

/*
 * One contract (shared/STYLE.md): every request body and query a controller takes is a DTO class
 * that `implements` an interface of libs/contracts, and is that interface exactly — the same
 * fields, each as optional and of the same type both ways. `implements` alone makes tsc check one
 * direction only (a DTO may add a field the contract lacks, or leave out an optional one); this
 * suite checks the other, and that no route skips the contract. It reads the controllers' source
 * with the TypeScript checker, so a new controller or route is covered without being listed here.
 */

const REPO = join(__dirname, '..', '..');
const CONTRACTS = join(REPO, 'libs', 'contracts', 'src') + sep;

const COMPILER_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.CommonJS,
  moduleResolution: ts.ModuleResolutionKind.Node10,
  strict: true,
  experimentalDecorators: true,
  emitDecoratorMetadata: true,
  strictPropertyInitialization: false,
  useDefineForClassFields: false,
  skipLibCheck: true,
  noEmit: true,
  types: ['node'],
  baseUrl: REPO,
  paths: {
    '@stegvis/contracts': ['libs/contracts/src/index.ts'],
    '@stegvis/domain': ['libs/domain/src/index.ts'],
  },
};

/** One `@Body()` or `@Query()` parameter and the DTO class it names. */
export interface ContractUse {
  /** `ParticipantsController.create @Body()` */
  where: string;
  dto: string;
  /** The libs/contracts interfaces the class implements. */
  contracts: string[];
}

export interface ContractReport {
  uses: ContractUse[];
  problems: string[];
}

function controllerFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return controllerFiles(path);
    return entry.name.endsWith('.controller.ts') ? [path] : [];
  });
}

/** `@Body()`, `@Query()`, or `@Body('field')` …: the decorator's name and whether it has an argument. */
function requestDecorator(param: ts.ParameterDeclaration): { name: string; data: boolean } | null {
  for (const decorator of ts.getDecorators(param) ?? []) {
    const call = decorator.expression;
    if (!ts.isCallExpression(call) || !ts.isIdentifier(call.expression)) continue;
    const name = call.expression.text;
    if (name === 'Body' || name === 'Query') return { name, data: call.arguments.length > 0 };
  }
  return null;
}

function resolved(checker: ts.TypeChecker, symbol: ts.Symbol | undefined): ts.Symbol | undefined {
  if (symbol && symbol.flags & ts.SymbolFlags.Alias) return checker.getAliasedSymbol(symbol);
  return symbol;
}

function isContractDeclaration(symbol: ts.Symbol | undefined): boolean {
  const declaration = symbol?.declarations?.[0];
  return (
    !!declaration && declaration.getSourceFile().fileName.split('/').join(sep).startsWith(CONTRACTS)
  );
}

function propertyNames(checker: ts.TypeChecker, type: ts.Type): string[] {
  return checker
    .getPropertiesOfType(type)
    .map((p) => p.name)
    .sort();
}

/** What is wrong between a DTO class and the contract interface it implements, if anything. */
function drift(
  checker: ts.TypeChecker,
  dto: string,
  dtoType: ts.Type,
  contract: string,
  contractType: ts.Type,
): string[] {
  const problems: string[] = [];
  const mine = propertyNames(checker, dtoType);
  const theirs = propertyNames(checker, contractType);
  const extra = mine.filter((name) => !theirs.includes(name));
  const missing = theirs.filter((name) => !mine.includes(name));
  if (extra.length) problems.push(`${dto} has fields ${contract} lacks: ${extra.join(', ')}`);
  if (missing.length) problems.push(`${dto} lacks fields of ${contract}: ${missing.join(', ')}`);
  // `implements` checks DTO → contract; the other direction catches a field the DTO declares
  // narrower (required, or a smaller type) than the contract promises the client.
  if (!checker.isTypeAssignableTo(contractType, dtoType)) {
    const narrower = checker
      .getPropertiesOfType(dtoType)
      .filter((property) => {
        const other = checker.getPropertyOfType(contractType, property.name);
        if (!other) return false;
        const a = checker.getTypeOfSymbol(other);
        const b = checker.getTypeOfSymbol(property);
        const optional = (s: ts.Symbol) => (s.flags & ts.SymbolFlags.Optional) !== 0;
        return !checker.isTypeAssignableTo(a, b) || (optional(other) && !optional(property));
      })
      .map((property) => property.name);
    problems.push(
      `${dto} takes less than ${contract} allows${narrower.length ? `: ${narrower.join(', ')}` : ''}`,
    );
  }
  return problems;
}

/** Reads the controllers and checks every `@Body()` / `@Query()` class against libs/contracts. */
export function checkContracts(files: string[]): ContractReport {
  const program = ts.createProgram(files, COMPILER_OPTIONS);
  const checker = program.getTypeChecker();
  const uses: ContractUse[] = [];
  const problems: string[] = [];
  const checked = new Set<ts.Symbol>();

  for (const file of files) {
    const source = program.getSourceFile(file);
    if (!source) throw new Error(`not read: ${file}`);
    const visit = (node: ts.Node): void => {
      if (ts.isParameter(node)) {
        const decorator = requestDecorator(node);
        const method = node.parent;
        const owner = method.parent;
        if (decorator) {
          const controller = ts.isClassDeclaration(owner) ? owner.name?.text : undefined;
          const handler =
            method.name && ts.isIdentifier(method.name) ? method.name.text : undefined;
          const where = `${controller ?? '?'}.${handler ?? '?'} @${decorator.name}()`;
          if (decorator.data) {
            problems.push(`${where}: takes a single field; take a DTO class`);
          } else {
            checkParameter(node, where);
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }

  function checkParameter(param: ts.ParameterDeclaration, where: string): void {
    const type = param.type ? checker.getTypeFromTypeNode(param.type) : undefined;
    const symbol = type?.getSymbol();
    const declaration = symbol?.declarations?.find(ts.isClassDeclaration);
    if (!type || !symbol || !declaration) {
      problems.push(`${where}: the parameter's type is not a DTO class`);
      return;
    }
    const dto = symbol.name;
    const contracts: string[] = [];
    for (const clause of declaration.heritageClauses ?? []) {
      if (clause.token !== ts.SyntaxKind.ImplementsKeyword) continue;
      for (const implemented of clause.types) {
        const target = resolved(checker, checker.getSymbolAtLocation(implemented.expression));
        if (!isContractDeclaration(target)) continue;
        contracts.push(implemented.expression.getText());
        if (!checked.has(symbol)) {
          problems.push(
            ...drift(
              checker,
              dto,
              type,
              implemented.expression.getText(),
              checker.getTypeAtLocation(implemented),
            ),
          );
        }
      }
    }
    if (contracts.length === 0) {
      problems.push(`${where}: ${dto} implements no request or query interface of libs/contracts`);
    }
    checked.add(symbol);
    uses.push({ where, dto, contracts });
  }

  return { uses, problems };
}

describe('the request contract', () => {
  it('every @Body() and @Query() DTO of every controller implements its libs/contracts interface exactly', () => {
    const files = controllerFiles(__dirname);
    const report = checkContracts(files);
    expect(report.problems).toEqual([]);
    // The suite saw the routes (58 `@Body()`/`@Query()` parameters when it was written).
    expect(report.uses.length).toBeGreaterThanOrEqual(58);
    const byRoute = Object.fromEntries(report.uses.map((use) => [use.where, use.contracts]));
    expect(byRoute).toMatchObject({
      'ParticipantsController.create @Body()': ['CreateParticipantRequest'],
      'ParticipantsController.list @Query()': ['contract.ListParticipantsQuery'],
      'ActionPlansController.save @Body()': ['SaveActionPlanRequest'],
      'AuthController.reauthenticate @Body()': ['ReauthRequest'],
    });
  }, 120_000);

  describe('on a controller written to break it', () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'stegvis-contract-'));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    let cases = 0;
    function report(source: string): ContractReport {
      const file = join(dir, `case-${++cases}.controller.ts`);
      writeFileSync(file, source);
      return checkContracts([file]);
    }

    const preamble = `
      import type { ReauthRequest, ListUsersQuery } from '@stegvis/contracts';
      declare function Body(field?: string): ParameterDecorator;
      declare function Query(field?: string): ParameterDecorator;
    `;

    it('finds a DTO that does not implement a contract interface', () => {
      const { problems } = report(`${preamble}
        class ReauthDto { password?: string; code?: string; }
        class AuthController { reauth(@Body() dto: ReauthDto) { return dto; } }
      `);
      expect(problems).toEqual([
        'AuthController.reauth @Body(): ReauthDto implements no request or query interface of libs/contracts',
      ]);
    });

    it('finds a field the DTO adds, leaves out or takes narrower than the contract', () => {
      const { problems } = report(`${preamble}
        class ReauthDto implements ReauthRequest { password: string; otp?: string; }
        class AuthController { reauth(@Body() dto: ReauthDto) { return dto; } }
      `);
      expect(problems).toEqual([
        'ReauthDto has fields ReauthRequest lacks: otp',
        'ReauthDto lacks fields of ReauthRequest: code',
        'ReauthDto takes less than ReauthRequest allows: password',
      ]);
    });

    it('finds inline types and single-field parameters', () => {
      const { problems, uses } = report(`${preamble}
        class UsersController {
          list(@Query() query: { search?: string }) { return query; }
          one(@Query('search') search: string) { return search; }
        }
      `);
      expect(problems).toEqual([
        "UsersController.list @Query(): the parameter's type is not a DTO class",
        'UsersController.one @Query(): takes a single field; take a DTO class',
      ]);
      expect(uses).toEqual([]);
    });

    it('accepts a DTO that is its contract exactly', () => {
      const { problems, uses } = report(`${preamble}
        class ListUsersDto implements ListUsersQuery {
          search?: string; role?: 'admin' | 'lead' | 'coach' | 'supervisor'; limit?: number; cursor?: string;
        }
        class UsersController { list(@Query() query: ListUsersDto) { return query; } }
      `);
      expect(problems).toEqual([]);
      expect(uses).toEqual([
        {
          where: 'UsersController.list @Query()',
          dto: 'ListUsersDto',
          contracts: ['ListUsersQuery'],
        },
      ]);
    });
  });
});
