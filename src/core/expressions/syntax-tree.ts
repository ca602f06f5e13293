/**
 * The parse tree of a variable expression: our own small node type, with the node kinds and
 * fields of mathjs's tree (`ConstantNode`, `SymbolNode`, `OperatorNode`, …) so that a text
 * gives the same tree as `mathjs.parse` did (tests/core/expressions-differential.test.ts).
 * Only the first six kinds can be evaluated; the others are parsed so that syntax errors after
 * them are still found, and compile.ts refuses them with a sentence.
 */

/** A literal: a number, a quoted text, `true`/`false`, `null` or `undefined` (an empty expression). */
export interface ConstantNode {
  readonly kind: 'constant';
  readonly value: number | string | boolean | null | undefined;
}

/** A bare name: a column or a constant such as `pi`. */
export interface SymbolNode {
  readonly kind: 'symbol';
  readonly name: string;
}

/**
 * An operator with its mathjs function name: `op` as written (`+`, `mod`, `-`), `fn` the
 * operation (`add`, `mod`, `unaryMinus`). `implicit` marks a multiplication written without
 * `*` (`2x`); `percentage` marks `x%` (read as `x / 100`).
 */
export interface OperatorNode {
  readonly kind: 'operator';
  readonly op: string;
  readonly fn: string;
  readonly args: readonly ExprNode[];
  readonly implicit: boolean;
  readonly percentage: boolean;
}

/** `( content )`. */
export interface ParenthesisNode {
  readonly kind: 'parenthesis';
  readonly content: ExprNode;
}

/** `condition ? trueExpr : falseExpr`. */
export interface ConditionalNode {
  readonly kind: 'conditional';
  readonly condition: ExprNode;
  readonly trueExpr: ExprNode;
  readonly falseExpr: ExprNode;
}

/** A call `fn(args)`; `optional` marks the optional-chaining form `fn?.(args)`. */
export interface FunctionNode {
  readonly kind: 'function';
  readonly fn: ExprNode;
  readonly args: readonly ExprNode[];
  readonly optional: boolean;
}

/**
 * Syntax the workbench does not evaluate, kept with its children (in mathjs's `forEach`
 * order): assignments `a = 1`, `f(x) = x`; several expressions `a; b`; chained comparisons
 * `a < b < c`; matrices `[1, 2]`; objects `{a: 1}`; property access and indexing `a.b`, `a[1]`
 * (an accessor holding an index); ranges `1:3`. `detail` keeps what tells two such nodes
 * apart beyond their children (operator names, keys, the assigned name).
 */
export interface OtherNode {
  readonly kind: 'assignment' | 'function-assignment' | 'block' | 'relational' | 'array' | 'object' | 'accessor' | 'index' | 'range';
  readonly children: readonly ExprNode[];
  readonly detail: string;
}

export type ExprNode = ConstantNode | SymbolNode | OperatorNode | ParenthesisNode | ConditionalNode | FunctionNode | OtherNode;

/** The direct children of a node, in mathjs's `forEach` order (a call's function first). */
export function childNodes(node: ExprNode): readonly ExprNode[] {
  switch (node.kind) {
    case 'constant':
    case 'symbol':
      return [];
    case 'operator':
      return node.args;
    case 'parenthesis':
      return [node.content];
    case 'conditional':
      return [node.condition, node.trueExpr, node.falseExpr];
    case 'function':
      return [node.fn, ...node.args];
    default:
      return node.children;
  }
}

/** Depth of a parse tree (nodes on its longest root-to-leaf path), without recursion. */
export function treeDepth(root: ExprNode): number {
  let deepest = 0;
  const stack: [ExprNode, number][] = [[root, 1]];
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
    const [node, d] = top;
    if (d > deepest) deepest = d;
    for (const child of childNodes(node)) stack.push([child, d + 1]);
  }
  return deepest;
}
