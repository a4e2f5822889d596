// A small XML writer for Query-protocol responses: objects become elements in key order,
// arrays become EC2 lists (`<name><item>…</item></name>`), undefined/null are left out.

export type XmlValue = string | number | boolean | undefined | null | XmlValue[] | XmlObject;
export interface XmlObject {
  [key: string]: XmlValue;
}

export function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] as string);
}

function element(name: string, value: XmlValue, out: string[]): void {
  if (value === undefined || value === null) return;
  if (Array.isArray(value)) {
    if (value.length === 0) {
      out.push(`<${name}/>`);
      return;
    }
    out.push(`<${name}>`);
    for (const item of value) element('item', item, out);
    out.push(`</${name}>`);
    return;
  }
  if (typeof value === 'object') {
    out.push(`<${name}>`);
    for (const [key, child] of Object.entries(value)) element(key, child, out);
    out.push(`</${name}>`);
    return;
  }
  out.push(`<${name}>${escapeXml(String(value))}</${name}>`);
}

/** `<root xmlns="ns">children</root>` with an XML declaration, as AWS answers. */
export function xmlDocument(root: string, namespace: string | undefined, children: XmlObject): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>', namespace ? `<${root} xmlns="${namespace}">` : `<${root}>`];
  for (const [key, child] of Object.entries(children)) element(key, child, out);
  out.push(`</${root}>`);
  return out.join('');
}

export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}
