// The impact charts as plain SVG generated from the data (no chart engine): horizontal bars
// per offer (added to the right, removed to the left) and the regie matrix before x after.
// Each chart has a title and a description for screen readers; the same numbers are in the
// table next to it and in the CSV download.

const NS = "http://www.w3.org/2000/svg";

function el(tag, attrs = {}, text) {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

function svg(width, height, title, desc) {
  const id = `chart-${Math.random().toString(36).slice(2, 8)}`;
  const s = el("svg", { viewBox: `0 0 ${width} ${height}`, width, height, role: "img", "aria-labelledby": `${id}-t ${id}-d`, class: "chart" });
  s.append(el("title", { id: `${id}-t` }, title), el("desc", { id: `${id}-d` }, desc));
  return s;
}

/** Bars per offer: removed (left of the axis) and added (right), with the counts written. */
export function offerBars(offers, { title, desc, label = (o) => o.offer, added = "erbij", removed = "eraf" }) {
  const rows = offers.slice(0, 25);
  const rowH = 22, left = 230, half = 180, top = 28;
  const width = left + 2 * half + 50, height = top + rows.length * rowH + 10;
  const max = Math.max(1, ...rows.map((o) => Math.max(o.added, o.removed)));
  const s = svg(width, height, title, desc);
  const axis = left + half;
  s.append(el("text", { x: axis - 6, y: 16, "text-anchor": "end", class: "legend removed" }, `◀ ${removed}`),
    el("text", { x: axis + 6, y: 16, class: "legend added" }, `${added} ▶`));
  rows.forEach((o, i) => {
    const y = top + i * rowH;
    s.append(el("text", { x: left - 8, y: y + 15, "text-anchor": "end", class: "label" }, label(o)));
    const wr = (o.removed / max) * half, wa = (o.added / max) * half;
    if (o.removed) {
      s.append(el("rect", { x: axis - wr, y: y + 3, width: wr, height: rowH - 6, class: "bar removed" }),
        el("text", { x: axis - wr - 4, y: y + 15, "text-anchor": "end", class: "count" }, String(o.removed)));
    }
    if (o.added) {
      s.append(el("rect", { x: axis, y: y + 3, width: wa, height: rowH - 6, class: "bar added" }),
        el("text", { x: axis + wa + 4, y: y + 15, class: "count" }, String(o.added)));
    }
  });
  s.append(el("line", { x1: axis, x2: axis, y1: top - 4, y2: height - 6, class: "axis" }));
  return s;
}

/** The regie matrix: rows = level before, columns = level after; the diagonal is unchanged. */
export function regieMatrix(regie, { title, desc, before = "voor", after = "na" }) {
  const n = regie.levels.length;
  const cell = 64, left = 70, top = 44;
  const s = svg(left + n * cell + 10, top + n * cell + 10, title, desc);
  const max = Math.max(1, ...Object.values(regie.counts));
  s.append(el("text", { x: left + (n * cell) / 2, y: 14, "text-anchor": "middle", class: "legend" }, `${after} →`),
    el("text", { x: 4, y: top - 8, class: "legend" }, `${before} ↓`));
  regie.levels.forEach((to, c) => s.append(el("text", { x: left + c * cell + cell / 2, y: top - 8, "text-anchor": "middle", class: "label" }, to)));
  regie.levels.forEach((from, r) => {
    s.append(el("text", { x: left - 8, y: top + r * cell + cell / 2 + 5, "text-anchor": "end", class: "label" }, from));
    regie.levels.forEach((to, c) => {
      const count = regie.counts[`${from}>${to}`] ?? 0;
      // Light fills only (at most 35 %), so the dark count on top keeps its contrast.
      const strength = count ? 0.08 + 0.27 * (count / max) : 0;
      const diag = r === c;
      s.append(el("rect", { x: left + c * cell, y: top + r * cell, width: cell - 2, height: cell - 2,
        class: `cell ${diag ? "same" : "moved"}`, "fill-opacity": strength.toFixed(2) }));
      s.append(el("text", { x: left + c * cell + cell / 2 - 1, y: top + r * cell + cell / 2 + 5, "text-anchor": "middle",
        class: "count" }, String(count)));
    });
  });
  return s;
}
