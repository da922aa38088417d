/**
 * A small streaming XML scanner for the parts of an .xlsx workbook (SpreadsheetML). It is fed text in
 * chunks of any size and calls back per start tag, end tag and text, so a sheet of hundreds of megabytes
 * is read with constant memory. It understands what Excel and other writers produce: namespace prefixes
 * (dropped from element and attribute names), quoted attributes, the five named entities and numeric
 * character references, CDATA, comments and processing instructions. A DOCTYPE is refused (no entity
 * expansion), and so is any single token longer than `maxTokenChars`.
 */

export interface XmlHandler {
  open(name: string, attrs: Readonly<Record<string, string>>, selfClosing: boolean): void;
  close(name: string): void;
  text(text: string): void;
}

/** Thrown for input that is not readable XML; the caller turns it into its own Dutch message. */
export class XmlScanError extends Error {}

const NAMED_ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Returns `text` with entity and character references replaced; an unknown entity is left as it is. */
export function xmlDecode(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
      return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[ref] ?? whole;
  });
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

const START_TAG = /<([^\s/<>!?="']+)((?:\s+[^\s=/<>"']+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/y;
const ATTRIBUTE = /([^\s=/<>"']+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

function attributesParse(source: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  if (source === '') return attrs;
  for (const m of source.matchAll(ATTRIBUTE)) {
    const name = m[1]!;
    if (name === 'xmlns' || name.startsWith('xmlns:')) continue;
    attrs[localName(name)] = xmlDecode(m[2] ?? m[3] ?? '');
  }
  return attrs;
}

/** Index just past the `>` that ends the tag starting at `from`, skipping quoted values; -1 if not in `buf`. */
function tagEnd(buf: string, from: number): number {
  let quote = '';
  for (let i = from + 1; i < buf.length; i++) {
    const ch = buf[i];
    if (quote !== '') {
      if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") {
      quote = ch;
    } else if (ch === '>') {
      return i + 1;
    }
  }
  return -1;
}

export class XmlScanner {
  private carry = '';
  private readonly maxTokenChars: number;

  constructor(
    private readonly handler: XmlHandler,
    opts: { maxTokenChars?: number } = {},
  ) {
    this.maxTokenChars = opts.maxTokenChars ?? 1024 * 1024;
  }

  /** Scans as much of the text so far as forms complete tokens; the rest waits for the next chunk. */
  write(chunk: string): void {
    const buf = this.carry === '' ? chunk : this.carry + chunk;
    const rest = this.scan(buf, false);
    if (buf.length - rest > this.maxTokenChars) throw new XmlScanError('token too long');
    this.carry = buf.slice(rest);
  }

  /** Scans what is left; an unfinished tag is an error. */
  end(): void {
    const buf = this.carry;
    this.carry = '';
    if (this.scan(buf, true) !== buf.length) throw new XmlScanError('unexpected end');
  }

  /** Returns the index of the first character not yet consumed. */
  private scan(buf: string, final: boolean): number {
    const h = this.handler;
    let pos = 0;
    while (pos < buf.length) {
      const lt = buf.indexOf('<', pos);
      if (lt < 0) {
        // Text may end in a half entity; keep it until the next '<' unless this is the end.
        if (!final) return pos;
        h.text(xmlDecode(buf.slice(pos)));
        return buf.length;
      }
      if (lt > pos) h.text(xmlDecode(buf.slice(pos, lt)));
      pos = lt;
      const next = buf[lt + 1];
      if (next === undefined) return pos;
      if (next === '/') {
        const gt = buf.indexOf('>', lt);
        if (gt < 0) return pos;
        h.close(localName(buf.slice(lt + 2, gt).trim()));
        pos = gt + 1;
      } else if (next === '?') {
        const endPi = buf.indexOf('?>', lt);
        if (endPi < 0) return pos;
        pos = endPi + 2;
      } else if (next === '!') {
        if (buf.length - lt < 9) return pos;
        if (buf.startsWith('<!--', lt)) {
          const endComment = buf.indexOf('-->', lt + 4);
          if (endComment < 0) return pos;
          pos = endComment + 3;
        } else if (buf.startsWith('<![CDATA[', lt)) {
          const endCdata = buf.indexOf(']]>', lt + 9);
          if (endCdata < 0) return pos;
          h.text(buf.slice(lt + 9, endCdata));
          pos = endCdata + 3;
        } else {
          throw new XmlScanError('DOCTYPE or other declaration');
        }
      } else {
        START_TAG.lastIndex = lt;
        const m = START_TAG.exec(buf);
        if (m === null) {
          if (tagEnd(buf, lt) < 0) return pos;
          throw new XmlScanError('malformed start tag');
        }
        h.open(localName(m[1]!), attributesParse(m[2]!), m[3] === '/');
        if (m[3] === '/') h.close(localName(m[1]!));
        pos = START_TAG.lastIndex;
      }
    }
    return pos;
  }
}
