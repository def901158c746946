"""Code size per part of a wasm module (function bodies, by the symbol's crate/role).

Usage: python3 benches/wasm_size_parts.py target/wasm/wasm32-unknown-unknown/release/wegwijs_wasm.wasm [N]
(needs wasm-objdump from wabt; the unoptimized module keeps its symbol names)."""
import re, subprocess, sys, collections
W = sys.argv[1]
out = subprocess.run(["wasm-objdump", "-x", "-j", "Code", W], capture_output=True, text=True).stdout
def demangle(s):
    m = re.match(r"_ZN(.*)E$", s)
    if not m:
        return s
    body, parts = m.group(1), []
    while body and body[0].isdigit():
        n = re.match(r"\d+", body).group(0)
        body = body[len(n):]
        parts.append(body[: int(n)])
        body = body[int(n):]
    t = "::".join(p for p in parts if not re.fullmatch(r"h[0-9a-f]{16}", p))
    for a, b in [("$LT$", "<"), ("$GT$", ">"), ("..", "::"), ("$u20$", " "), ("$RF$", "&"), ("$C$", ","), ("$u7b$", "{"), ("$u7d$", "}"), ("$BP$", "*")]:
        t = t.replace(a, b)
    return t.lstrip("_")
CRATES = ["wegwijs_wasm", "wegwijs", "serde_json", "serde_core", "serde", "toml_parser", "toml", "jiff", "sha2", "curve25519_dalek", "ed25519_dalek", "wasm_bindgen", "js_sys", "alloc", "core", "std", "dlmalloc", "hashbrown"]
agg, tot = collections.Counter(), 0
for line in out.splitlines():
    m = re.search(r"size=(\d+) <(.*)>", line)
    if not m:
        continue
    n, name = int(m.group(1)), demangle(m.group(2))
    tot += n
    if "Deserializ" in name or "Visitor" in name or "visit_" in name:
        key = "serde: deserialize (rule source, bundle, cases)"
    elif "Serializ" in name or "serialize" in name:
        key = "serde: serialize (proposals, hash)"
    elif "sort" in name and name.startswith("core::slice"):
        key = "core::slice::sort (monomorphized)"
    else:
        key = next((c for c in CRATES if re.search(r"(^|[<\s&])" + c + "::", name)), name[:40])
        if key == "wegwijs":
            k = re.search(r"wegwijs::([a-z_0-9]+)", name)
            key = "wegwijs::" + (k.group(1) if k else "?")
    agg[key] += n
print(f"code (function bodies, before wasm-opt): {tot:,} bytes")
for k, v in agg.most_common(int(sys.argv[2]) if len(sys.argv) > 2 else 30):
    print(f"{v:>9,}  {100 * v / tot:5.1f} %  {k}")
