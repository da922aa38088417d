import { describe, expect, it } from 'vitest';
import { XmlScanError, XmlScanner, xmlDecode } from './xml-scan.js';

type Event = ['open', string, Record<string, string>, boolean] | ['close', string] | ['text', string];

/** Scans `chunks` and returns the events, with adjacent text pieces joined (chunking may split text). */
function eventsOf(chunks: string[], maxTokenChars?: number): Event[] {
  const events: Event[] = [];
  const scanner = new XmlScanner(
    {
      open: (name, attrs, selfClosing) => events.push(['open', name, { ...attrs }, selfClosing]),
      close: (name) => events.push(['close', name]),
      text: (text) => {
        const last = events.at(-1);
        if (last?.[0] === 'text') last[1] += text;
        else events.push(['text', text]);
      },
    },
    { maxTokenChars },
  );
  for (const chunk of chunks) scanner.write(chunk);
  scanner.end();
  return events;
}

const SHEET =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="rel"><!-- a > comment -->' +
  '<x:sheetData><x:row r="2" spans=\'1:3\'><x:c r="A2" t="inlineStr"><x:is><x:t xml:space="preserve"> R&amp;D &lt;1&gt; &#233;&#x20AC; </x:t></x:is></x:c>' +
  '<x:c r="B2" s="1"><x:v>46402.5</x:v></x:c><x:c r="C2" t="str"><x:f>"a&gt;b"</x:f><x:v><![CDATA[a>b & <c>]]></x:v></x:c>' +
  '<x:c r="D2" note="x > y"/></x:row></x:sheetData></x:worksheet>';

describe('XmlScanner', () => {
  it('reports tags without prefixes, decoded attributes and text, CDATA as is, and skips comments and declarations', () => {
    const events = eventsOf([SHEET]);
    expect(events).toContainEqual(['open', 'row', { r: '2', spans: '1:3' }, false]);
    expect(events).toContainEqual(['open', 't', { space: 'preserve' }, false]);
    expect(events).toContainEqual(['text', ' R&D <1> é€ ']);
    expect(events).toContainEqual(['text', 'a>b & <c>']);
    expect(events).toContainEqual(['text', '"a>b"']);
    expect(events).toContainEqual(['open', 'c', { r: 'D2', note: 'x > y' }, true]);
    expect(events.at(-1)).toEqual(['close', 'worksheet']);
    expect(events.filter((e) => e[0] === 'open').length).toBe(events.filter((e) => e[0] === 'close').length);
  });

  it('gives the same events however the text is cut into chunks', () => {
    const whole = eventsOf([SHEET]);
    for (let cut = 0; cut <= SHEET.length; cut++) {
      expect(eventsOf([SHEET.slice(0, cut), SHEET.slice(cut)])).toEqual(whole);
    }
    expect(eventsOf(SHEET.split(''))).toEqual(whole);
  });

  it('refuses a DOCTYPE (no entity expansion), a malformed tag and an unfinished document', () => {
    expect(() => eventsOf(['<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>'])).toThrow(XmlScanError);
    expect(() => eventsOf(['<a b=c>x</a>'])).toThrow(XmlScanError);
    expect(() => eventsOf(['<a><b x="1"'])).toThrow(XmlScanError);
    expect(() => eventsOf(['<<<kapot'])).toThrow(XmlScanError);
  });

  it('refuses a token longer than the limit instead of buffering it', () => {
    expect(() => eventsOf(['<a>', 'x'.repeat(600), 'y'.repeat(600), '</a>'], 1000)).toThrow(XmlScanError);
    expect(() => eventsOf(['<a b="', 'x'.repeat(1200)], 1000)).toThrow(XmlScanError);
    expect(eventsOf(['<a>', 'x'.repeat(900), '</a>'], 1000)).toEqual([
      ['open', 'a', {}, false],
      ['text', 'x'.repeat(900)],
      ['close', 'a'],
    ]);
  });
});

describe('xmlDecode', () => {
  it('replaces the named entities and character references, and leaves unknown ones', () => {
    expect(xmlDecode('&lt;&gt;&amp;&quot;&apos;&#65;&#x42;&nbsp;&#x110000;')).toBe('<>&"\'AB&nbsp;&#x110000;');
    expect(xmlDecode('geen entiteiten')).toBe('geen entiteiten');
  });
});
