/**
 * Reading a forwarded email's text: HTML to lines that keep the table's rows
 * and cells apart, and the places where the text names an order.
 */

const BLOCK =
  /<\/?(p|div|tr|li|ul|ol|h[1-6]|table|thead|tbody|tfoot|section|article|header|footer|blockquote|center|dl|dt|dd|pre|address|hr)\b[^>]*>|<br\s*\/?>/gi;
const CELL = /<\/?(td|th)\b[^>]*>/gi;

const NAMED_ENTITIES: Record<string, string> = {
  nbsp: ' ',
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  ndash: '–',
  mdash: '—',
  shy: '',
  zwnj: '',
  zwj: '',
  auml: 'ä',
  ouml: 'ö',
  uuml: 'ü',
  Auml: 'Ä',
  Ouml: 'Ö',
  Uuml: 'Ü',
  szlig: 'ß',
  eacute: 'é',
  egrave: 'è',
  euro: '€',
  hellip: '…',
  laquo: '«',
  raquo: '»',
  bdquo: '„',
  ldquo: '“',
  rdquo: '”',
  lsquo: '‘',
  rsquo: '’',
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code =
        name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[name] ?? whole;
  });
}

/**
 * HTML as lines of text: a block (paragraph, table row, list item, line
 * break) ends a line and a table cell is set apart by a tab, so "Reference"
 * and the order number in the next cell stay two words, and a row of a table
 * stays one line.
 */
export function htmlToText(html: string): string {
  return decodeEntities(
    html
      .replace(/<!--[\s\S]*?-->/g, ' ')
      .replace(/<(script|style|head|title)\b[\s\S]*?<\/\1\s*>/gi, ' ')
      .replace(/\s+/g, ' ')
      .replace(BLOCK, '\n')
      .replace(CELL, '\t')
      .replace(/<[^>]*>/g, ''),
  )
    .split('\n')
    .map((line) =>
      line
        .replace(/[ \t]*\t[ \t]*/g, '\t')
        .replace(/ {2,}/g, ' ')
        .trim(),
    )
    .filter(Boolean)
    .join('\n');
}

/** Where the text names an order: what it wrote, and the references that may mean. */
export interface ReferenceMention {
  start: number;
  end: number;
  /** References to look for exactly. */
  exact: string[];
  /** Set when a word such as "Order" or "#" introduced a value: it may also end a reference with the partner's prefix ("1052" → "NT-1052"). */
  suffix: string | null;
}

/** "Order #1052", "Order no. 1052", "Bestellung 1052", "Bestellnummer: 1052", "Auftrag Nr. 1052", "Commande n° 1052". */
const INTRODUCED = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:order|bestellung|bestellnummer|bestell-nr|auftrag|auftragsnummer|commande|pedido|ordine|reference|referenz|ref)` +
    String.raw`(?![\p{L}])(?:\s*(?:number|nummer|no|nr|n°|num|id)(?![\p{L}\p{N}]))?[.:]?\s*(?:#\s*)?` +
    String.raw`(?<value>[A-Za-z0-9][A-Za-z0-9_/-]{0,62}[A-Za-z0-9]|[0-9])(?![\p{L}\p{N}])`,
  'giu',
);
const HASHED = /(?<![\p{L}\p{N}#])#\s?(?<value>[A-Za-z0-9][A-Za-z0-9_/-]{0,62})(?![\p{L}\p{N}])/gu;
const WORD = /(?<![\p{L}\p{N}_-])[A-Za-z0-9][A-Za-z0-9_/.-]{1,62}[A-Za-z0-9](?![\p{L}\p{N}_-])/gu;

/**
 * The order mentions in `text`: every word that could be a reference as it
 * stands (matched to the partner's orders later, so most are not), and every
 * value a shop introduces the way shops do: "#1052", "Order #1052", "Order no.
 * 1052", "Bestellung 1052", "Bestellnummer: 1052".
 */
export function findReferenceMentions(text: string): ReferenceMention[] {
  const mentions: ReferenceMention[] = [];
  for (const re of [INTRODUCED, HASHED]) {
    for (const m of text.matchAll(re)) {
      const value = m.groups!.value!;
      const start = m.index + m[0].length - value.length;
      mentions.push({
        start,
        end: start + value.length,
        exact: [value, `#${value}`],
        suffix: /\d/.test(value) ? value : null,
      });
    }
  }
  const introduced = new Set(mentions.map((m) => m.start));
  for (const m of text.matchAll(WORD)) {
    const start = m.index;
    if (introduced.has(start)) continue;
    mentions.push({ start, end: start + m[0].length, exact: [m[0]], suffix: null });
  }
  return mentions.sort((a, b) => a.start - b.start);
}

/** Whether `reference` is `value` behind a prefix the partner's references carry ("NT-", "SHOP", "#"). */
export function endsWithPrefixed(reference: string, value: string): boolean {
  if (reference.length <= value.length || !reference.toUpperCase().endsWith(value.toUpperCase()))
    return false;
  return /^[A-Za-z]{0,12}[-_#/.]?$/.test(reference.slice(0, -value.length));
}
