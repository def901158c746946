// Small DOM helpers shared by the workbench modules (no framework).

/** document.querySelector */
export const $ = (sel, root = document) => root.querySelector(sel);

/** An element with attributes (`text`, `on<event>`, booleans) and children (nested arrays allowed). */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "text") el.textContent = v;
    else if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else if (v === true) el.setAttribute(k, "");
    else el.setAttribute(k, String(v));
  }
  for (const c of children.flat(Infinity)) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}

/** Saves bytes or text as a file download (a blob: URL, nothing leaves the device). */
export function download(data, name, type) {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = h("a", { href: url, download: name, class: "hidden" });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A text in Dutch (rule texts are { nl, en, … }). */
export const nl = (text) => (text && typeof text === "object" ? text.nl ?? Object.values(text)[0] : text ?? "");
