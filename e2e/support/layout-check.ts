import type { Page } from 'playwright-core';

/**
 * What is wrong with the layout of the page as it is shown now: the page wider than the viewport, text cut off or
 * sticking out of its box, and i18n keys shown instead of words. Runs in the page; `sections` are the locale files'
 * top-level keys, so "orders.title" (a key) is told from "shop.example" (a host name).
 */
export async function layoutProblems(page: Page, sections: string[]): Promise<string[]> {
  return page.evaluate((sections) => {
    const problems: string[] = [];
    const vw = document.documentElement.clientWidth;
    const describe = (el: Element) => {
      const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 60);
      const cls =
        typeof el.className === 'string' && el.className ? `.${el.className.split(' ').join('.')}` : '';
      return `<${el.tagName.toLowerCase()}${cls}> "${text}"`;
    };
    const shown = (el: Element) => {
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) return false;
      const cs = getComputedStyle(el);
      return cs.visibility !== 'hidden' && cs.display !== 'none';
    };
    /** Inside something that scrolls sideways (a wide table's wrapper): its own width is that box's business. */
    const inScroller = (el: Element) => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        const o = getComputedStyle(p).overflowX;
        if (o === 'auto' || o === 'scroll') return true;
      }
      return false;
    };
    /** Hidden on purpose: the screen-reader-only pattern and the skip link parked off screen. */
    const offscreenOnPurpose = (el: Element) => {
      for (let p: Element | null = el; p && p !== document.body; p = p.parentElement) {
        const cs = getComputedStyle(p);
        if (cs.position === 'absolute' && (cs.clip !== 'auto' || cs.clipPath !== 'none')) return true;
        if (p.classList.contains('skip-link') || p.classList.contains('sr-only')) return true;
      }
      return false;
    };

    // 1. The page scrolls sideways: name the elements that stick out.
    if (document.documentElement.scrollWidth > vw + 1) {
      const wide = Array.from(document.body.querySelectorAll('*')).filter(
        (el) => shown(el) && !inScroller(el) && el.getBoundingClientRect().right > vw + 1,
      );
      // Hidden text (screen-reader only) widens the page too when it is placed outside its scrolling box.
      const seen = wide.filter((el) => !offscreenOnPurpose(el));
      const out = (seen.length ? seen : wide)
        // The innermost ones say most.
        .filter((el, _i, all) => !all.some((o) => o !== el && el.contains(o)))
        .slice(0, 8)
        .map((el) => `${describe(el)} ends at ${Math.round(el.getBoundingClientRect().right)}px`);
      problems.push(
        `the page is ${document.documentElement.scrollWidth}px wide in a ${vw}px viewport: ${out.join('; ')}`,
      );
    }

    // 2a. A field too narrow for the value it shows (a date cut to "03.12.202").
    for (const el of Array.from(document.body.querySelectorAll('input'))) {
      if (!['text', 'search', 'email', 'url'].includes(el.type) || !el.value || !shown(el)) continue;
      if (el.scrollWidth > el.clientWidth + 1)
        problems.push(`<input> "${el.value}" needs ${el.scrollWidth}px but has ${el.clientWidth}px`);
    }

    // 2. Text that does not fit its box: cut off (overflow hidden/clip) or spilling out (visible).
    const boxes = document.body.querySelectorAll(
      'button, a, label, th, td, h1, h2, h3, legend, summary, dt, dd, li, p, select, .chip, .badge, .btn, nav',
    );
    for (const el of Array.from(boxes)) {
      if (!(el instanceof HTMLElement) || !shown(el) || offscreenOnPurpose(el)) continue;
      const cs = getComputedStyle(el);
      if (cs.display === 'inline' || el.clientWidth === 0) continue;
      if (cs.overflowX === 'auto' || cs.overflowX === 'scroll') continue;
      // Cut with an ellipsis on purpose, the whole text in its title: fine.
      if (cs.textOverflow === 'ellipsis' && el.title) continue;
      if (el.scrollWidth > el.clientWidth + 1)
        problems.push(`${describe(el)} needs ${el.scrollWidth}px but has ${el.clientWidth}px`);
      else if (
        (cs.overflowY === 'hidden' || cs.overflowY === 'clip') &&
        el.scrollHeight > el.clientHeight + 1 &&
        el.tagName !== 'SELECT'
      )
        problems.push(
          `${describe(el)} is cut off at the bottom (${el.scrollHeight}px in ${el.clientHeight}px)`,
        );
    }

    // 3. Keys instead of words, in text and in the attributes people (and screen readers) get.
    const key = new RegExp(`^(${sections.join('|')})\\.[A-Za-z0-9_.]+$`);
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent?.trim() ?? '';
      if (key.test(text)) problems.push(`untranslated key "${text}" in ${describe(n.parentElement!)}`);
    }
    for (const el of Array.from(document.querySelectorAll('[aria-label], [placeholder], [title], [alt]'))) {
      for (const attr of ['aria-label', 'placeholder', 'title', 'alt']) {
        const v = el.getAttribute(attr)?.trim();
        if (v && key.test(v)) problems.push(`untranslated key "${v}" in ${attr} of ${describe(el)}`);
      }
    }
    if (document.title && key.test(document.title))
      problems.push(`untranslated key in the title: ${document.title}`);
    return problems;
  }, sections);
}
