/**
 * Names a source file declares (functions, classes, methods, types, variables, CLI options): the
 * "symbols" an issue's identifiers are matched against. TypeScript and JavaScript are parsed with the
 * TypeScript compiler API; other languages fall back to declaration keywords matched as text.
 */
import ts from 'typescript';

const TS_KINDS: Record<string, ts.ScriptKind> = {
  '.ts': ts.ScriptKind.TS,
  '.mts': ts.ScriptKind.TS,
  '.cts': ts.ScriptKind.TS,
  '.tsx': ts.ScriptKind.TSX,
  '.js': ts.ScriptKind.JS,
  '.mjs': ts.ScriptKind.JS,
  '.cjs': ts.ScriptKind.JS,
  '.jsx': ts.ScriptKind.JSX,
};

/** def/class (Python), fn/struct/enum/trait (Rust), func/type (Go), function/class (PHP, Lua …). */
const TEXT_DECLARATION =
  /\b(?:def|class|fn|func|function|struct|enum|trait|interface|type|module|object|val|var|let|const)\s+([A-Za-z_$][A-Za-z0-9_$]*)/g;
/** Python/Ruby-style assignments at the start of a line: module constants and class attributes. */
const TEXT_ASSIGNMENT = /^[ \t]*([A-Za-z_][A-Za-z0-9_]*)\s*(?::\s*[^=\n]+)?=(?!=)/gm;

const extension = (path: string): string => {
  const dot = path.lastIndexOf('.');
  return dot > path.lastIndexOf('/') ? path.slice(dot).toLowerCase() : '';
};

/** True when the file is parsed with the TypeScript compiler API. */
export function isTypeScriptFamily(path: string): boolean {
  return extension(path) in TS_KINDS;
}

function typeScriptSymbols(path: string, text: string): Set<string> {
  const kind = TS_KINDS[extension(path)] ?? ts.ScriptKind.TS;
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, false, kind);
  const names = new Set<string>();
  const visit = (node: ts.Node): void => {
    const name = (node as { name?: ts.Node }).name;
    if (
      name &&
      (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isPrivateIdentifier(name)) &&
      isDeclaration(node)
    ) {
      names.add(name.text.replace(/^#/, '').toLowerCase());
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return names;
}

function isDeclaration(node: ts.Node): boolean {
  return (
    ts.isFunctionDeclaration(node) ||
    ts.isClassDeclaration(node) ||
    ts.isMethodDeclaration(node) ||
    ts.isInterfaceDeclaration(node) ||
    ts.isTypeAliasDeclaration(node) ||
    ts.isEnumDeclaration(node) ||
    ts.isVariableDeclaration(node) ||
    ts.isPropertyDeclaration(node) ||
    ts.isPropertySignature(node) ||
    ts.isMethodSignature(node) ||
    ts.isPropertyAssignment(node) ||
    ts.isEnumMember(node) ||
    ts.isGetAccessorDeclaration(node) ||
    ts.isSetAccessorDeclaration(node) ||
    ts.isModuleDeclaration(node)
  );
}

/** Names declared in any language's text by declaration keywords or line-start assignments (also for diff lines). */
export function declaredSymbolsInText(text: string): Set<string> {
  const names = new Set<string>();
  for (const match of text.matchAll(TEXT_DECLARATION)) names.add(match[1]!.toLowerCase());
  for (const match of text.matchAll(TEXT_ASSIGNMENT)) names.add(match[1]!.toLowerCase());
  return names;
}

/** The lower-cased names `text` declares, read as the language its `path` says. */
export function declaredSymbols(path: string, text: string): Set<string> {
  return isTypeScriptFamily(path) ? typeScriptSymbols(path, text) : declaredSymbolsInText(text);
}
