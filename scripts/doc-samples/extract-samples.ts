/**
 * Reads the TypeScript and JavaScript samples out of a Markdown guide, with
 * the `<!-- sample: ... -->` directive before each and the guide's
 * `<!-- sample-setup: name ... -->` blocks. The conventions are described in
 * scripts/check-doc-samples.ts.
 */

/** Fence languages that are samples; every other fence (sh, json, sql, mermaid) is text. */
const SAMPLE_LANGUAGES: Record<string, "ts" | "js"> = {
  ts: "ts",
  typescript: "ts",
  js: "js",
  javascript: "js",
};

export interface SampleDirective {
  /** `run`: executed, and must exit 0. */
  run: boolean;
  /** `skip: why`: neither checked nor run; the reason is required. */
  skip: string | undefined;
  /** `id=name`: a name later samples continue with `after=name`. */
  id: string | undefined;
  /** `after=name`: this sample continues that one (its code comes first, with its setups). */
  after: string | undefined;
  /** `setup=a,b`: the guide's setup blocks prepended to this sample. */
  setups: string[];
  /** `expect-errors`: each line followed by a `// error: ...` comment must fail to compile. */
  expectErrors: boolean;
  /**
   * `expect-throws` (JavaScript samples, with `run`): each line followed by a
   * `// TenderError <code>: <message>` comment must throw exactly that.
   */
  expectThrows: boolean;
}

/** One line of code, and where it stands in its guide (1-based line, and the fence's indent). */
export interface SourceLine {
  text: string;
  line: number;
  indent: number;
}

export interface Sample {
  doc: string;
  /** The line of the opening fence. */
  line: number;
  language: "ts" | "js";
  directive: SampleDirective;
  lines: SourceLine[];
}

export interface Setup {
  doc: string;
  name: string;
  line: number;
  lines: SourceLine[];
}

export interface ExtractedDoc {
  samples: Sample[];
  setups: Map<string, Setup>;
  /** Malformed directives, as `doc:line: message`. */
  problems: string[];
}

const DIRECTIVE = /^\s*<!--\s*sample:\s*(.*?)\s*-->\s*$/;
const SETUP_START = /^\s*<!--\s*sample-setup:\s*([\w-]+)\s*$/;
const FENCE = /^(\s*)(`{3,}|~{3,})\s*([\w-]*)/;

export function extractSamples(doc: string, markdown: string): ExtractedDoc {
  const lines = markdown.split("\n");
  const samples: Sample[] = [];
  const setups = new Map<string, Setup>();
  const problems: string[] = [];
  let pending: { directive: SampleDirective; line: number } | undefined;

  for (let index = 0; index < lines.length; index++) {
    const text = lines[index] ?? "";
    const setupStart = SETUP_START.exec(text);
    if (setupStart) {
      const name = setupStart[1] ?? "";
      const body: SourceLine[] = [];
      let end = index + 1;
      while (end < lines.length && !/^\s*-->\s*$/.test(lines[end] ?? "")) {
        body.push({ text: lines[end] ?? "", line: end + 1, indent: 0 });
        end++;
      }
      if (end === lines.length)
        problems.push(`${doc}:${index + 1}: sample-setup "${name}" never ends (-->)`);
      if (setups.has(name))
        problems.push(`${doc}:${index + 1}: sample-setup "${name}" is defined twice`);
      setups.set(name, { doc, name, line: index + 1, lines: body });
      index = end;
      continue;
    }
    const directive = DIRECTIVE.exec(text);
    if (directive) {
      if (pending)
        problems.push(`${doc}:${pending.line}: a sample directive with no code block after it`);
      const parsed = parseDirective(directive[1] ?? "");
      if (typeof parsed === "string") problems.push(`${doc}:${index + 1}: ${parsed}`);
      else pending = { directive: parsed, line: index + 1 };
      continue;
    }
    const fence = FENCE.exec(text);
    if (fence) {
      const [, indent = "", marker = "```", info = ""] = fence;
      const body: SourceLine[] = [];
      let end = index + 1;
      while (end < lines.length && !isClosingFence(lines[end] ?? "", marker)) {
        const codeLine = lines[end] ?? "";
        const strip = codeLine.startsWith(indent) ? indent.length : 0;
        body.push({ text: codeLine.slice(strip), line: end + 1, indent: strip });
        end++;
      }
      const language = SAMPLE_LANGUAGES[info.toLowerCase()];
      if (language) {
        samples.push({
          doc,
          line: index + 1,
          language,
          directive: pending?.directive ?? parseDirectiveOrThrow(""),
          lines: body,
        });
      } else if (pending) {
        problems.push(
          `${doc}:${pending.line}: a sample directive before a \`${info || "text"}\` block, which is not checked`,
        );
      }
      pending = undefined;
      index = end;
      continue;
    }
    if (pending && text.trim() !== "") {
      problems.push(
        `${doc}:${pending.line}: a sample directive must come right before its code block`,
      );
      pending = undefined;
    }
  }
  if (pending)
    problems.push(`${doc}:${pending.line}: a sample directive with no code block after it`);
  return { samples, setups, problems };
}

function isClosingFence(line: string, marker: string): boolean {
  const trimmed = line.trim();
  return trimmed.startsWith(marker) && trimmed.replace(/[`~]/g, "") === "";
}

/** The options of `<!-- sample: ... -->`, or a sentence saying what is wrong with them. */
function parseDirective(source: string): SampleDirective | string {
  const directive: SampleDirective = {
    run: false,
    skip: undefined,
    id: undefined,
    after: undefined,
    setups: [],
    expectErrors: false,
    expectThrows: false,
  };
  const skip = /^skip\b:?\s*(.*)$/.exec(source);
  if (skip) {
    const reason = skip[1]?.trim() ?? "";
    if (reason === "") return `"sample: skip" needs a reason: <!-- sample: skip: why -->`;
    return { ...directive, skip: reason };
  }
  for (const token of source.split(/\s+/).filter(Boolean)) {
    const [key, value] = token.split("=", 2);
    if (key === "run" && value === undefined) directive.run = true;
    else if (key === "expect-errors" && value === undefined) directive.expectErrors = true;
    else if (key === "expect-throws" && value === undefined) directive.expectThrows = true;
    else if (key === "id" && value) directive.id = value;
    else if (key === "after" && value) directive.after = value;
    else if (key === "setup" && value) directive.setups.push(...value.split(","));
    else {
      return `unknown sample option "${token}": use run, expect-errors, expect-throws, id=name, after=name, setup=a,b or "skip: why"`;
    }
  }
  return directive;
}

function parseDirectiveOrThrow(source: string): SampleDirective {
  const parsed = parseDirective(source);
  if (typeof parsed === "string") throw new Error(parsed);
  return parsed;
}
