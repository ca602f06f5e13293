/**
 * Variable expressions over the columns of a long panel, e.g. `log(gsp)`, `gdp / pop`,
 * `diff(log(gsp))`, `winsor(x, 0.01)`.
 *
 * The text is parsed by our own parser (mathjs's grammar and precedence, without mathjs: see
 * parser.ts) and the tree is evaluated by our own vectorised interpreter: only an allow-list of operators and functions is accepted, and
 * assignments, function definitions, matrices, objects, property access and units are refused.
 * Every node yields one value per panel row (or a scalar that is broadcast); `NaN` (missing)
 * propagates. A function that gives no finite value for finite inputs (`log(0)`, `log(-1)`,
 * `x / 0`, `sqrt(-1)`) yields `NaN` for that row and the rows are counted in a warning.
 */
export { MAX_EXPRESSION_DEPTH, MAX_EXPRESSION_LENGTH, MAX_EXPRESSION_NESTING } from './parse';
export {
  compileExpression,
  evaluateExpression,
  evaluateExpressionDetailed,
  EXPRESSION_CONSTANTS,
  EXPRESSION_FUNCTIONS,
  type CompiledExpression,
  type ExpressionResult,
  type ExpressionWarning,
} from './compile';
