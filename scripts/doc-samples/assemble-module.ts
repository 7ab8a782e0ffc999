import type { ExtractedDoc, Sample, SourceLine } from "./extract-samples";

/** A sample as the module that is checked and run, with where each of its lines came from. */
export interface SampleModule {
  sample: Sample;
  /** Relative to the samples folder: `docs/client/line-45.ts`. */
  file: string;
  code: string;
  /** For each line of `code` (0-based), its place in the guide; undefined for lines the check adds. */
  origins: Array<(SourceLine & { doc: string }) | undefined>;
}

/**
 * Builds the module of one sample: the setups it (and the samples it
 * continues) names, each once, then the samples it continues, then its own
 * lines. An `expect-errors` sample gets `// @ts-expect-error` above each line
 * its guide marks with a `// error:` comment on the next line, so a line that
 * compiles fails the check.
 */
export function assembleModule(
  sample: Sample,
  extracted: ExtractedDoc,
  byId: Map<string, Sample>,
): SampleModule | string {
  const chain: Sample[] = [];
  for (let current: Sample | undefined = sample; current; ) {
    if (chain.includes(current)) return `after=${current.directive.after} goes round in a circle`;
    chain.unshift(current);
    const after: string | undefined = current.directive.after;
    if (after === undefined) break;
    current = byId.get(after);
    if (!current) return `after=${after} names no sample of this guide (give one id=${after})`;
  }

  const code: string[] = [];
  const origins: SampleModule["origins"] = [];
  const add = (line: SourceLine, doc: string) => {
    code.push(line.text);
    origins.push({ ...line, doc });
  };

  const included = new Set<string>();
  for (const part of chain) {
    // A part's setups come right before it, so one may use what earlier parts made.
    for (const name of part.directive.setups) {
      if (included.has(name)) continue;
      included.add(name);
      const setup = extracted.setups.get(name);
      if (!setup) return `setup=${name} names no <!-- sample-setup: ${name} --> of this guide`;
      for (const line of setup.lines) add(line, setup.doc);
    }
    part.lines.forEach((line, index) => {
      const next = part.lines[index + 1];
      const indent = line.text.match(/^\s*/)?.[0] ?? "";
      if (part.directive.expectErrors && next && /^\s*\/\/ error:/.test(next.text)) {
        code.push(`${indent}// @ts-expect-error: the guide says this line fails`);
        origins.push({ ...line, doc: part.doc });
      }
      const thrown = part.directive.expectThrows ? expectedThrow(part.lines, index) : undefined;
      if (thrown) {
        const statement = line.text.trim().replace(/;$/, "");
        add(
          {
            ...line,
            text: `${indent}await expectThrow(async () => { ${statement}; }, ${JSON.stringify(thrown)});`,
          },
          part.doc,
        );
      } else {
        add(line, part.doc);
      }
    });
  }
  if (chain.some((part) => part.directive.expectThrows)) {
    code.push(EXPECT_THROW);
    origins.push(...EXPECT_THROW.split("\n").map(() => undefined));
  }
  // Every sample is a module of its own: top-level await works, and no two share a name.
  code.push("export {};");

  const base = sample.doc.replace(/\.md$/, "");
  const file = `${base}/line-${sample.line}.${sample.language}`;
  return { sample, file, code: `${code.join("\n")}\n`, origins };
}

/**
 * In an `expect-throws` sample, what the line at `index` must throw: the
 * comment lines after it, `// TenderError <code>: <message>`, joined.
 */
function expectedThrow(
  lines: SourceLine[],
  index: number,
): { code: string; message: string } | undefined {
  const comment: string[] = [];
  for (let next = index + 1; next < lines.length; next++) {
    const text = lines[next]?.text.trim() ?? "";
    if (!text.startsWith("//")) break;
    comment.push(text.replace(/^\/\/\s?/, ""));
  }
  const found = /^TenderError (\w+): ([\s\S]*)$/.exec(comment.join(" "));
  if (!found || lines[index]?.text.trim().startsWith("//")) return undefined;
  return { code: found[1] ?? "", message: found[2] ?? "" };
}

/** Checks a line of an `expect-throws` sample: a TenderError with the guide's code and message. */
const EXPECT_THROW = `async function expectThrow(run, expected) {
  let error;
  try { await run(); } catch (caught) { error = caught; }
  const squash = (text) => String(text).replace(/\\s+/g, " ").trim();
  if (error?.code !== expected.code || squash(error.message) !== squash(expected.message)) {
    throw new Error("expected TenderError " + expected.code + ": " + expected.message + "\\ngot " + (error ? (error.code ?? error.name) + ": " + error.message : "no error"));
  }
}`;
