import path from 'node:path';
import ts from 'typescript';

/**
 * Which DynamoDB actions a handler's code can call, read from the source with the TypeScript checker:
 * the repository methods reachable from the handler module (through the ports or the adapters
 * themselves), and the SDK commands each of those methods sends, following `this.…` calls inside the
 * adapter. Over-approximates (any reference counts, any branch), never misses a call that is typed.
 */

const repositoryRoot = path.resolve(import.meta.dirname, '..', '..');
const adaptersFolder = path.join(repositoryRoot, 'functions', 'adapters', 'dynamodb') + path.sep;
const portsModule = path.join(repositoryRoot, 'functions', 'application', 'ports.ts');

/** The document client's commands → the IAM action each one needs. */
const actionOfCommand: Record<string, string> = {
  GetCommand: 'GetItem',
  PutCommand: 'PutItem',
  UpdateCommand: 'UpdateItem',
  DeleteCommand: 'DeleteItem',
  QueryCommand: 'Query',
  ScanCommand: 'Scan',
  BatchGetCommand: 'BatchGetItem',
  BatchWriteCommand: 'BatchWriteItem',
  TransactGetCommand: 'TransactGetItems',
  TransactWriteCommand: 'TransactWriteItems',
};

export interface TableCalls {
  /** `Owner.method` of every repository method the handler can reach, e.g. `PlacementRepository.get`. */
  methods: string[];
  /** The DynamoDB actions those methods send, sorted. */
  actions: string[];
}

export function tableCallAnalyzer(entries: string[]): (entry: string) => TableCalls {
  const program = ts.createProgram({
    rootNames: entries.map((entry) => path.join(repositoryRoot, entry)),
    options: { target: ts.ScriptTarget.ES2023, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, strict: true, noEmit: true, skipLibCheck: true, types: ['node'] },
  });
  const checker = program.getTypeChecker();
  const { actionsOfMethod, implementsOf } = adapterMethodActions(program);
  const repositoryOwners = new Set([...implementsOf.keys(), ...[...implementsOf.values()].flatMap((ports) => [...ports])]);

  return (entry) => {
    const source = program.getSourceFile(path.join(repositoryRoot, entry));
    if (source === undefined) throw new Error(`${entry} is not in the program`);
    const methods = new Set<string>();
    const visited = new Set<ts.Node>();
    const filesStarted = new Set<ts.SourceFile>();

    const startFile = (file: ts.SourceFile) => {
      if (filesStarted.has(file) || file.fileName.startsWith(adaptersFolder)) return;
      filesStarted.add(file);
      // What a module runs when it is loaded (its exports are followed when they are used).
      for (const statement of file.statements) {
        if (ts.isExpressionStatement(statement) || ts.isExportAssignment(statement)) visit(statement);
      }
    };

    const follow = (reference: ts.Identifier) => {
      // `{ prepareContractAndReserve }` names a property and uses the function of that name.
      let symbol = ts.isShorthandPropertyAssignment(reference.parent)
        ? checker.getShorthandAssignmentValueSymbol(reference.parent)
        : checker.getSymbolAtLocation(reference);
      if (symbol === undefined) return;
      if (symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
      for (const declaration of symbol.declarations ?? []) {
        const file = declaration.getSourceFile();
        if (!isProjectSource(file)) continue;
        const owner = repositoryMethodOwner(declaration);
        if (owner !== undefined && repositoryOwners.has(owner)) {
          methods.add(`${owner}.${symbol.name}`);
          continue;
        }
        // Building an adapter is not calling it; what it is called for is followed at the call.
        if (file.fileName.startsWith(adaptersFolder) || file.fileName === portsModule) continue;
        startFile(file);
        visit(declaration);
      }
    };

    const visit = (node: ts.Node) => {
      if (visited.has(node)) return;
      visited.add(node);
      if (ts.isTypeNode(node) || ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node) || ts.isImportDeclaration(node)) return;
      if (ts.isIdentifier(node) && !isDeclarationName(node)) follow(node);
      ts.forEachChild(node, visit);
    };

    startFile(source);
    for (const statement of source.statements) visit(statement);

    const actions = new Set<string>();
    for (const method of methods) {
      for (const action of actionsOfMethod[implementationOf(method)] ?? []) actions.add(action);
    }
    return { methods: [...methods].sort(), actions: [...actions].sort() };
  };

  /** `PlacementRepository.get` (a port) → `DynamoPlacementRepository.get` (the class that implements it). */
  function implementationOf(method: string): string {
    if (method in actionsOfMethod) return method;
    const [port, name] = method.split('.');
    const implementation = Object.keys(actionsOfMethod).find((candidate) => candidate.endsWith(`.${name}`) && implementsOf.get(candidate.split('.')[0] ?? '')?.has(port ?? ''));
    if (implementation === undefined) throw new Error(`No adapter in ${adaptersFolder} implements ${method}`);
    return implementation;
  }
}

/**
 * For each adapter class method (`DynamoPlacementRepository.get`), the actions it and the `this.…`
 * methods it calls send; and the ports each adapter class implements.
 */
function adapterMethodActions(program: ts.Program) {
  const implementsOf = new Map<string, Set<string>>();
  const direct = new Map<string, { commands: Set<string>; calls: Set<string> }>();
  for (const file of program.getSourceFiles()) {
    if (!file.fileName.startsWith(adaptersFolder)) continue;
    for (const statement of file.statements) {
      if (!ts.isClassDeclaration(statement) || statement.name === undefined) continue;
      const className = statement.name.text;
      const ports = (statement.heritageClauses ?? []).flatMap((clause) => clause.types.map((type) => type.expression.getText(file)));
      implementsOf.set(className, new Set(ports));
      for (const member of statement.members) {
        if (!ts.isMethodDeclaration(member) || !ts.isIdentifier(member.name)) continue;
        const found = { commands: new Set<string>(), calls: new Set<string>() };
        const scan = (node: ts.Node) => {
          if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text.endsWith('Command')) found.commands.add(node.expression.text);
          if (ts.isPropertyAccessExpression(node) && node.expression.kind === ts.SyntaxKind.ThisKeyword) found.calls.add(`${className}.${node.name.text}`);
          ts.forEachChild(node, scan);
        };
        scan(member);
        direct.set(`${className}.${member.name.text}`, found);
      }
    }
  }
  const actionsOfMethod: Record<string, string[]> = {};
  for (const method of direct.keys()) {
    const actions = new Set<string>();
    const seen = new Set<string>();
    const collect = (name: string) => {
      if (seen.has(name)) return;
      seen.add(name);
      const found = direct.get(name);
      if (found === undefined) return;
      for (const command of found.commands) {
        const action = actionOfCommand[command];
        if (action === undefined) throw new Error(`${name} sends ${command}: add its IAM action to test/infra/table-calls.ts`);
        actions.add(action);
      }
      for (const call of found.calls) collect(call);
    };
    collect(method);
    actionsOfMethod[method] = [...actions].sort();
  }
  return { actionsOfMethod, implementsOf };
}

function isProjectSource(file: ts.SourceFile): boolean {
  return file.fileName.startsWith(repositoryRoot + path.sep) && !file.fileName.includes(`${path.sep}node_modules${path.sep}`) && !file.isDeclarationFile;
}

/** The interface or class a method (signature) is declared in, if it is one. */
function repositoryMethodOwner(declaration: ts.Declaration): string | undefined {
  if (!ts.isMethodSignature(declaration) && !ts.isMethodDeclaration(declaration)) return undefined;
  const owner = declaration.parent;
  if ((ts.isInterfaceDeclaration(owner) || ts.isClassDeclaration(owner)) && owner.name !== undefined) return owner.name.text;
  return undefined;
}

function isDeclarationName(node: ts.Identifier): boolean {
  const parent = node.parent as ts.Node & { name?: ts.Node };
  return parent.name === node && !ts.isPropertyAccessExpression(parent) && !ts.isShorthandPropertyAssignment(parent);
}
