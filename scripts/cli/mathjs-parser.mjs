/**
 * Bundle-only stand-in for `mathjs/lib/browser/math.js` in the rwb CLI bundle
 * (scripts/build-cli.mjs aliases it). src/core/expressions.ts uses the default mathjs
 * instance only for `parse`, the node type guards and `import` (to disable functions), but the
 * one-file browser build creates every mathjs function at load time (~0.3 s of CPU, most of
 * `rwb describe`). Here:
 * - the instance is made from mathjs's ES modules with only the parser's dependencies
 *   (tree-shaken by esbuild: same parser code, same default config, same node classes);
 * - it is made on the first `parse`, so commands that parse no expression never pay for it;
 *   `import` calls made before that are replayed on the new instance, in order.
 * tests/cli/bundle.test.ts checks that the bundle and the sources print the same output,
 * expressions included.
 */
import {
  create,
  parseDependencies,
  isConditionalNode,
  isConstantNode,
  isFunctionNode,
  isOperatorNode,
  isParenthesisNode,
  isSymbolNode,
} from 'mathjs';

let instance;
let parse;
const imports = [];

/** The parser, taken before the replayed `import` calls disable `parse` on the instance (as expressions.ts does). */
function parser() {
  if (!instance) {
    instance = create({ parseDependencies });
    parse = instance.parse;
    for (const [values, options] of imports) instance.import(values, options);
  }
  return parse;
}

export default {
  parse: (...args) => parser()(...args),
  import: (values, options) => (instance ? instance.import(values, options) : void imports.push([values, options])),
  isConditionalNode,
  isConstantNode,
  isFunctionNode,
  isOperatorNode,
  isParenthesisNode,
  isSymbolNode,
};
