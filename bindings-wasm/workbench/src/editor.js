// The code editor: CodeMirror 6 (bundled from npm by build.mjs, nothing from a CDN), one
// editor state per file (each keeps its own undo history), TOML highlighting through
// CodeMirror's TOML stream mode, JSON for files of an opened bundle, and the load errors
// as inline diagnostics. Tab is not bound: it moves the focus on, so the editor never
// traps it (Escape, then Tab, is not needed either).
import { EditorView, basicSetup } from "codemirror";
import { EditorState } from "@codemirror/state";
import { StreamLanguage } from "@codemirror/language";
import { toml } from "@codemirror/legacy-modes/mode/toml";
import { json } from "@codemirror/lang-json";
import { lintGutter, setDiagnostics } from "@codemirror/lint";

const tomlLanguage = StreamLanguage.define(toml);

/** The editor in `parent`; `onChange(path, text)` after every edit. */
export function createEditor(parent, onChange) {
  const states = new Map();
  let current = null;
  const view = new EditorView({ parent });

  function stateFor(path, text) {
    return EditorState.create({
      doc: text,
      extensions: [
        basicSetup,
        lintGutter(),
        path.endsWith(".json") ? json() : tomlLanguage,
        EditorView.contentAttributes.of({ "aria-label": `Bestand ${path}`, "aria-multiline": "true" }),
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
