import { html, raw } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";

export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

const STYLE = `
body { font: 16px/1.5 system-ui, sans-serif; margin: 0; color: #1b1b1b; background: #fafafa; }
header, main { max-width: 60rem; margin: 0 auto; padding: 0 1rem; }
header { display: flex; gap: 1.5rem; align-items: baseline; border-bottom: 1px solid #ddd; }
header a { color: inherit; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; }
th, td { text-align: left; padding: 0.35rem 0.5rem; border-bottom: 1px solid #e3e3e3; vertical-align: top; }
td.amount, th.amount { text-align: right; font-variant-numeric: tabular-nums; }
fieldset { border: 1px solid #ccc; border-radius: 6px; margin: 1rem 0; padding: 0.5rem 1rem 1rem; }
legend { font-weight: 600; padding: 0 0.25rem; }
label { margin-right: 0.5rem; }
.choice { margin: 0.35rem 0; }
input, select, button { font: inherit; }
button { padding: 0.4rem 1rem; border: 1px solid #1f4fa8; border-radius: 6px; background: #2458c2; color: white; cursor: pointer; }
button[disabled] { opacity: 0.6; cursor: progress; }
button.secondary { background: white; color: #1f4fa8; }
:focus-visible { outline: 3px solid #f0a400; outline-offset: 2px; }
.status { padding: 0.75rem 1rem; border-radius: 6px; background: #eef2fb; border: 1px solid #c5d3f3; min-height: 1.5rem; }
.status:empty { padding: 0; border: 0; min-height: 0; }
td.amount, td.nowrap { white-space: nowrap; }
.status[data-state="paid"] { background: #e8f6ec; border-color: #9bd3ab; }
.status[data-state="declined"], .status[data-state="error"] { background: #fcebea; border-color: #e9aaa5; }
.payment { border: 1px solid #ddd; border-radius: 6px; background: white; padding: 0 1rem 1rem; margin: 1rem 0; }
.actions { display: flex; flex-wrap: wrap; gap: 1rem; align-items: end; }
.actions form { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
.muted { color: #5c5c5c; }
`;

/** The frame of every page: a language, a title, the site's links, one `<main>`. */
export function layout(options: { title: string; body: Html; script?: string }): Html {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title}</title>
<style>${raw(STYLE)}</style>
</head>
<body>
<header>
<p><strong>Tender shop</strong></p>
<nav aria-label="Site"><a href="/">Checkout</a> · <a href="/admin">Admin</a></nav>
</header>
<main>
${options.body}
</main>
${options.script ? html`<script src="${options.script}" defer></script>` : ""}
</body>
</html>`;
}
