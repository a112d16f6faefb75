// An independent reader of brat's standoff format, written from its documentation
// (https://brat.nlplab.org/standoff.html) and nothing in src/: it checks the .ann files the core writes
// the way brat would read them. Offsets count code points (brat is Python), so the letter is indexed
// as an array of code points, not through the core's converter.

export interface BratSpan {
  readonly id: string;
  readonly type: string;
  /** [start, end) in code points. */
  readonly offsets: readonly (readonly [number, number])[];
  readonly text: string;
}

export interface BratDocument {
  readonly spans: BratSpan[];
  readonly relations: { id: string; type: string; args: [string, string][] }[];
  readonly attributes: { id: string; type: string; target: string; value?: string }[];
  readonly notes: { id: string; type: string; target: string; text: string }[];
  /** What brat would complain about, one message per problem. */
  readonly errors: string[];
}

/** Reads `ann` against `txt` as brat does, collecting every deviation from the format in `errors`. */
export function readBrat(ann: string, txt: string): BratDocument {
  const chars = Array.from(txt);
  const doc: BratDocument = { spans: [], relations: [], attributes: [], notes: [], errors: [] };
  const ids = new Set<string>();
  const references: [string, string][] = [];
  if (ann !== '' && !ann.endsWith('\n')) doc.errors.push('the file does not end with a line break');
  // brat reads the file with Python's codecs readlines(), that is str.splitlines(): these all end a line.
  const lines = ann.split(/\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]/);
  if (lines[lines.length - 1] === '') lines.pop();
  lines.forEach((line, n) => {
    const where = `line ${n + 1}`;
    const [id, data, ...rest] = line.split('\t');
    if (id === undefined || data === undefined) return doc.errors.push(`${where}: no tab`);
    if (!/^([TRAEMN]\d+|#\d+|\*)$/.test(id)) doc.errors.push(`${where}: bad id ${id}`);
    if (id !== '*' && ids.has(id)) doc.errors.push(`${where}: duplicate id ${id}`);
    ids.add(id);
    const words = data.split(' ');
    switch (id[0]) {
      case 'T': {
        const [type, ...offsetWords] = words;
        const offsets = offsetWords.join(' ').split(';').map((pair) => {
          const m = /^(\d+) (\d+)$/.exec(pair);
          if (!m) {
            doc.errors.push(`${where}: bad offsets "${pair}"`);
            return [0, 0] as const;
          }
          return [Number(m[1]), Number(m[2])] as const;
        });
        for (const [start, end] of offsets) {
          if (start > end || end > chars.length) doc.errors.push(`${where}: offsets ${start} ${end} outside the text of ${chars.length} characters`);
          // brat keeps a span on one line: its editor splits a selection at line breaks.
          if (chars.slice(start, end).some((c) => c === '\n' || c === '\r')) doc.errors.push(`${where}: fragment ${start} ${end} crosses a line break`);
        }
        for (let i = 1; i < offsets.length; i++) {
          for (let j = 0; j < i; j++) {
            if (offsets[i]![1] >= offsets[j]![0] && offsets[i]![0] < offsets[j]![1]) doc.errors.push(`${where}: fragments overlap`);
          }
        }
        const text = rest.join('\t');
        const expected = offsets.map(([s, e]) => chars.slice(s, e).join('')).join(' ');
        if (text !== expected) doc.errors.push(`${where}: text ${JSON.stringify(text)} is not ${JSON.stringify(expected)}`);
        doc.spans.push({ id, type: type ?? '', offsets, text });
        break;
      }
      case 'R': {
        const args = words.slice(1).map((w) => w.split(':') as [string, string]);
        if (words.length !== 3 || args.some((a) => a.length !== 2)) doc.errors.push(`${where}: bad relation`);
        for (const [, target] of args) references.push([where, target]);
        doc.relations.push({ id, type: words[0] ?? '', args });
        break;
      }
      case 'A':
      case 'M': {
        if (words.length < 2 || words.length > 3) doc.errors.push(`${where}: bad attribute`);
        references.push([where, words[1] ?? '']);
        doc.attributes.push({ id, type: words[0] ?? '', target: words[1] ?? '', ...(words[2] === undefined ? {} : { value: words[2] }) });
        break;
      }
      case '#': {
        if (words.length !== 2) doc.errors.push(`${where}: bad note`);
        references.push([where, words[1] ?? '']);
        doc.notes.push({ id, type: words[0] ?? '', target: words[1] ?? '', text: rest.join('\t') });
        break;
      }
      default:
        break;
    }
  });
  // brat reports an id that is referred to and not defined.
  for (const [where, target] of references) if (!ids.has(target)) doc.errors.push(`${where}: ${target} is not defined`);
  return doc;
}

/** brat's annotation.conf: the entity types, relation types and attribute names it declares. */
export function readConf(conf: string): { entities: string[]; relations: Map<string, [string, string]>; attributes: Map<string, { targets: string[]; values?: string[] }> } {
  const entities: string[] = [];
  const relations = new Map<string, [string, string]>();
  const attributes = new Map<string, { targets: string[]; values?: string[] }>();
  let section = '';
  for (const raw of conf.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const header = /^\[(\w+)\]$/.exec(line);
    if (header) {
      section = header[1]!;
      continue;
    }
    const [name, spec = ''] = line.split('\t');
    const fields = new Map(spec.split(',').filter((f) => f.trim() !== '').map((f) => f.trim().split(':') as [string, string]));
    if (section === 'entities') entities.push(name!);
    if (section === 'relations' && !name!.startsWith('<')) relations.set(name!, [fields.get('Arg1')!, fields.get('Arg2')!]);
    if (section === 'attributes') attributes.set(name!, { targets: fields.get('Arg')!.split('|'), ...(fields.has('Value') ? { values: fields.get('Value')!.split('|') } : {}) });
  }
  return { entities, relations, attributes };
}
