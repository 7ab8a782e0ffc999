import { html } from "hono/html";
import { type Html, layout } from "./layout";

export function errorPage(title: string, message: string): Html {
  return layout({
    title: `${title} · Tender shop`,
    body: html`<h1>${title}</h1>
<p role="alert">${message}</p>
<p><a href="/">Back to the shop</a></p>`,
  });
}
