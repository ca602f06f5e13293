/**
 * Types of mathjs's single-file distribution (`mathjs/lib/browser/math.js`, listed in the
 * package's `exports`). It is the same library as `import 'mathjs'` but loads as one file
 * instead of ~1,200 ES modules, which keeps `rwb` start-up fast; its default export is the
 * default mathjs instance.
 */
declare module 'mathjs/lib/browser/math.js' {
  import type { MathJsInstance } from 'mathjs';
  const math: MathJsInstance;
  export default math;
}
