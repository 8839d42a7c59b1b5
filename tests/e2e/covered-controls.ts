import type { Page } from 'playwright-core';

/**
 * Visible controls (buttons, links, inputs, tabs) whose centre is not the control itself to the browser's hit test
 * (document.elementFromPoint): something is drawn over them, so a click lands elsewhere. Controls scrolled out of an
 * overflow container or outside the viewport are not "covered". Toasts are left out: they are brief notices that
 * pass through clicks around them and leave by themselves.
 */
export function coveredControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const describe = (el: Element) => {
      const id = el.getAttribute('data-testid') ?? el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 20) ?? '';
      return `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ')[0]}` : ''}[${id}]`;
    };
    const out: string[] = [];
    for (const el of document.querySelectorAll('button, a[href], input:not([type="hidden"]), select, textarea, [role="button"], [role="tab"]')) {
      const r = el.getBoundingClientRect();
      if (r.width < 2 || r.height < 2) continue;
      const cs = getComputedStyle(el);
      if (cs.visibility !== 'visible' || cs.pointerEvents === 'none' || Number(cs.opacity) === 0 || el.closest('[hidden], [aria-hidden="true"]')) continue;
      const x = r.left + r.width / 2;
      const y = r.top + r.height / 2;
      if (x < 0 || y < 0 || x >= window.innerWidth || y >= window.innerHeight) continue;
      let clipped = false;
      for (let p = el.parentElement; p && !clipped; p = p.parentElement) {
        const ps = getComputedStyle(p);
        if (!/(auto|scroll|hidden|clip)/.test(`${ps.overflowX} ${ps.overflowY}`)) continue;
        const pr = p.getBoundingClientRect();
        clipped = x < pr.left || x > pr.right || y < pr.top || y > pr.bottom;
      }
      if (clipped) continue;
      const hit = document.elementFromPoint(x, y);
      if (!hit || hit === el || el.contains(hit) || hit.closest('.toasts')) continue;
      if (hit.tagName === 'LABEL' && hit.contains(el)) continue;
      out.push(`${describe(el)} covered by ${describe(hit)}`);
    }
    return out;
  });
}
