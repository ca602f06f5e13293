/** CSS clean-up of a figure's SVG before it is shown inline (the DOM part is covered by tests/e2e/map-figures.test.ts). */
import { describe, expect, it } from 'vitest';
import { cleanCss } from '../../../renderer/src/lib/figure-svg';

describe('cleanCss', () => {
  it('drops @font-face and @import rules and url()s that leave the document', () => {
    const css = "@import url(http://x.example/a.css); @font-face { font-family: N; src: url(data:font/woff2;base64,AAAA) } .a { fill: url(#hatch); } .b { background: url('https://x.example/i.png') }";
    const out = cleanCss(css);
    expect(out).not.toMatch(/@import|@font-face|example/);
    expect(out).toContain('fill: url(#hatch)');
    expect(out).toContain('background: none');
  });
});
