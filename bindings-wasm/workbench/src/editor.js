// The code editor: CodeMirror 6 (bundled from npm by build.mjs, nothing from a CDN), one
// editor state per file (each keeps its own undo history), TOML highlighting through
// CodeMirror's TOML stream mode, JSON for files of an opened bundle, and the load errors
// as inline diagnostics. Tab is not bound: it moves the focus on, so the editor never
// traps it (Escape, then Tab, is not needed either).
//
// The editor lives in a shadow root: there CodeMirror puts its styles in constructed style
// sheets (adoptedStyleSheets) instead of <style> elements, which the page's
// Content-Security-Policy (style-src 'self', no 'unsafe-inline') would refuse.
import { EditorView, basicSetup } from "codemirror";
import { EditorState } from "@codemirror/state";
import { StreamLanguage } from "@codemirror/language";
import { toml } from "@codemirror/legacy-modes/mode/toml";
import { json } from "@codemirror/lang-json";
import { lintGutter, setDiagnostics } from "@codemirror/lint";

const tomlLanguage = StreamLanguage.define(toml);

/** Size and focus inside the shadow root (workbench.css cannot reach in; the host shows
 *  the focus ring with :focus-within). */
const layout = EditorView.theme({
  "&": { height: "70vh", fontSize: "0.9rem", backgroundColor: "#fff" },
  "&.cm-focused": { outline: "none" },
  ".cm-scroller": { overflow: "auto" },
});

/** The editor in `parent`; `onChange(path, text)` after every edit. */
export function createEditor(parent, onChange) {
  const states = new Map();
  let current = null;
  const shadow = parent.attachShadow({ mode: "open" });
  const view = new EditorView({ parent: shadow, root: shadow });

  function stateFor(path, text) {
    return EditorState.create({
      doc: text,
      extensions: [
        basicSetup,
        layout,
        lintGutter(),
        path.endsWith(".json") ? json() : tomlLanguage,
        // tabindex: the text is focusable anyway (contenteditable); said outright so that checkers
        // (axe: scrollable-region-focusable) see it.
        EditorView.contentAttributes.of({ "aria-label": `Bestand ${path}`, "aria-multiline": "true", tabindex: "0" }),
        EditorView.updateListener.of((u) => { if (u.docChanged) onChange(path, u.state.doc.toString()); }),
      ],
    });
  }

  return {
    view,
    /** Forgets every file and shows none. */
    reset(files) {
      states.clear();
      for (const [path, text] of Object.entries(files)) states.set(path, stateFor(path, text));
      current = null;
    },
    /** Shows a file (saving the state of the one shown). */
    open(path) {
      if (current) states.set(current, view.state);
      current = path;
      view.setState(states.get(path));
    },
    get path() { return current; },
    /** Moves the cursor to line/column (1-based) and focuses the editor. */
    goTo(line, column = 1) {
      const doc = view.state.doc;
      const l = doc.line(Math.min(Math.max(1, line), doc.lines));
      const pos = Math.min(l.from + Math.max(0, column - 1), l.to);
      view.dispatch({ selection: { anchor: pos }, scrollIntoView: true });
      view.focus();
    },
    /** Replaces the text of the file shown (as a user edit: undo works). */
    replace(from, to, text) {
      view.dispatch({ changes: { from, to, insert: text } });
    },
    /** Shows `diagnostics` ({ line, column, message, hint }) of the file shown, inline. */
    diagnose(list) {
      const doc = view.state.doc;
      const marks = list.map((d) => {
        const line = doc.line(Math.min(Math.max(1, d.line ?? 1), doc.lines));
        const from = Math.min(line.from + Math.max(0, (d.column ?? 1) - 1), line.to);
        const word = /^[\w.]+/.exec(doc.sliceString(from, line.to));
        return { from, to: Math.max(from, from + (word ? word[0].length : 0)), severity: "error",
          message: d.hint ? `${d.message} — ${d.hint}` : d.message };
      });
      view.dispatch(setDiagnostics(view.state, marks));
    },
  };
}
