// The shared conformance vectors through JNA: the same bytes as Rust, Python, WebAssembly
// and C, plus error cases. Run by bindings-c/tests/run.sh (single-file source launch):
//   java -Djna.library.path=target/debug -cp /usr/share/java/jna.jar Conformance.java ROOT
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

public class Conformance {
    /** The C API (bindings-c/include/wegwijs.h); size_t is a Java long (64-bit hosts). */
    public interface Wegwijs extends Library {
        Wegwijs C = Native.load("wegwijs_c", Wegwijs.class);
        int wegwijs_abi_version();
        int wegwijs_engine_national(PointerByReference engine, PointerByReference error, LongByReference errorLen);
        int wegwijs_engine_load(String path, Pointer trusted, long trustedCount, PointerByReference engine,
                PointerByReference error, LongByReference errorLen);
        int wegwijs_evaluate(Pointer engine, byte[] input, long inputLen, byte[] options, long optionsLen,
                PointerByReference out, LongByReference outLen);
        int wegwijs_agenda(Pointer engine, byte[] records, long recordsLen, byte[] options, long optionsLen,
                PointerByReference out, LongByReference outLen);
        void wegwijs_string_free(Pointer text);
        void wegwijs_engine_free(Pointer engine);
    }

    static int failures = 0;
    static final Map<String, Pointer> engines = new HashMap<>();

    static void check(boolean ok, String what) {
        if (!ok) { failures++; System.err.println("FAIL " + what); }
    }

    /** The bytes of a returned buffer, which is then freed. */
    static byte[] take(PointerByReference out, LongByReference len) {
        byte[] bytes = out.getValue().getByteArray(0, (int) len.getValue());
        Wegwijs.C.wegwijs_string_free(out.getValue());
        return bytes;
    }

    static Pointer engineFor(String root, String ruleset) {
        return engines.computeIfAbsent(ruleset, name -> {
            PointerByReference engine = new PointerByReference(), error = new PointerByReference();
            LongByReference len = new LongByReference();
            int status = name.equals("national") ? Wegwijs.C.wegwijs_engine_national(engine, error, len)
                    : Wegwijs.C.wegwijs_engine_load(Path.of(root, name).toString(), null, 0, engine, error, len);
            if (status != 0) throw new IllegalStateException(new String(take(error, len), StandardCharsets.UTF_8));
            return engine.getValue();
        });
    }

    /** Status and result (or error object) of wegwijs_evaluate. */
    static Object[] evaluate(Pointer engine, byte[] input, String options) {
        byte[] opt = options.getBytes(StandardCharsets.UTF_8);
        PointerByReference out = new PointerByReference();
        LongByReference len = new LongByReference();
        int status = Wegwijs.C.wegwijs_evaluate(engine, input, input.length, opt, opt.length, out, len);
        return new Object[] {status, take(out, len)};
    }

    // ---- just enough JSON: the raw text of a top-level key's value ----
    static int skipWs(String s, int i) { while (i < s.length() && " \n\r\t".indexOf(s.charAt(i)) >= 0) i++; return i; }
    static int skipString(String s, int i) {
        for (i++; s.charAt(i) != '"'; i++) if (s.charAt(i) == '\\') i++;
        return i + 1;
    }
    static int skipValue(String s, int i) {
        char c = s.charAt(i);
        if (c == '"') return skipString(s, i);
        if (c == '{' || c == '[') {
            int depth = 0;
            do {
                c = s.charAt(i);
                if (c == '"') { i = skipString(s, i); continue; }
                if (c == '{' || c == '[') depth++;
                if (c == '}' || c == ']') depth--;
                i++;
            } while (depth > 0);
            return i;
        }
        while (",}] \t\r\n".indexOf(s.charAt(i)) < 0) i++;
        return i;
    }
    static String member(String s, String key) {
        for (int i = skipWs(s, skipWs(s, 0) + 1); s.charAt(i) == '"'; i = skipWs(s, i + 1)) {
            int keyEnd = skipString(s, i);
            String k = s.substring(i + 1, keyEnd - 1);
            int start = skipWs(s, skipWs(s, keyEnd) + 1);
            i = skipValue(s, start);
            if (k.equals(key)) return s.substring(start, i);
            i = skipWs(s, i);
            if (s.charAt(i) != ',') break;
        }
        return null;
    }

    static int runVectors(String root, Path dir, String suffix, String input) throws Exception {
        List<Path> files;
        try (var list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().collect(Collectors.toList());
        }
        for (Path file : files) {
            String text = Files.readString(file), name = file.getFileName().toString();
            String ruleset = member(text, "ruleset"), audience = member(text, "for"), lang = member(text, "lang");
            String options = "{\"now\": " + member(text, "now") + (audience != null ? ", \"for\": " + audience : "")
                    + (lang != null ? ", \"lang\": " + lang : "") + "}";
            byte[] want = Files.readAllBytes(dir.resolve(name.replace(suffix, ".expected.json")));
            Object[] got = evaluate(engineFor(root, ruleset.substring(1, ruleset.length() - 1)),
                    member(text, input).getBytes(StandardCharsets.UTF_8), options);
            check((int) got[0] == 0 && want[want.length - 1] == '\n'
                    && Arrays.equals((byte[]) got[1], Arrays.copyOf(want, want.length - 1)), name + " differs");
        }
        return files.size();
    }

    /** Every DIR/NAME.agenda.json vector: `records` through wegwijs_agenda at `now`. */
    static int runAgendaVectors(String root, Path dir) throws Exception {
        List<Path> files;
        try (var list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".agenda.json")).sorted().collect(Collectors.toList());
        }
        for (Path file : files) {
            String text = Files.readString(file), name = file.getFileName().toString();
            String ruleset = member(text, "ruleset");
            byte[] options = ("{\"now\": " + member(text, "now") + "}").getBytes(StandardCharsets.UTF_8);
            byte[] records = member(text, "records").getBytes(StandardCharsets.UTF_8);
            byte[] want = Files.readAllBytes(dir.resolve(name.replace(".agenda.json", ".expected.json")));
            PointerByReference out = new PointerByReference();
            LongByReference len = new LongByReference();
            int status = Wegwijs.C.wegwijs_agenda(engineFor(root, ruleset.substring(1, ruleset.length() - 1)), records,
                    records.length, options, options.length, out, len);
            byte[] got = take(out, len);
            check(status == 0 && want[want.length - 1] == '\n' && Arrays.equals(got, Arrays.copyOf(want, want.length - 1)),
                    name + " differs");
        }
        return files.size();
    }

    public static void main(String[] args) throws Exception {
        String root = args[0];
        Path dir = Path.of(root, "tests", "conformance");
        check(Wegwijs.C.wegwijs_abi_version() >> 16 == 1, "ABI major version");
        int cases = runVectors(root, dir, ".case.json", "case");
        int records = runVectors(root, dir, ".record.json", "record");
        int audiences = runVectors(root, dir.resolve("audience"), ".for.json", "case");
        int agendas = runAgendaVectors(root, dir);
        check(cases >= 10 && records >= 4 && audiences >= 4 && agendas >= 1, "too few vectors");

        Pointer national = engineFor(root, "national");
        String now = "{\"now\": \"2026-03-02T18:00:00+01:00\"}";
        Object[] r = evaluate(national, "{\"age\": \"GEHEIM-0612345678\"}".getBytes(StandardCharsets.UTF_8), now);
        String error = new String((byte[]) r[1], StandardCharsets.UTF_8);
        check((int) r[0] == 2 && error.contains("\"kind\":\"CaseError\"") && !error.contains("GEHEIM"), "case error: " + error);
        r = evaluate(national, new byte[] {'{', '"', 'a', '"', ':', (byte) 0xff, '}'}, now);
        check((int) r[0] == 6, "invalid UTF-8 gives status " + r[0]);
        r = evaluate(null, "{}".getBytes(StandardCharsets.UTF_8), now);
        check((int) r[0] == 5, "NULL engine gives status " + r[0]);
        r = evaluate(national, "{}".getBytes(StandardCharsets.UTF_8), "{\"for\": \"politei\"}");
        check((int) r[0] == 3 && new String((byte[]) r[1], StandardCharsets.UTF_8).contains("politie"), "unknown audience");

        engines.values().forEach(Wegwijs.C::wegwijs_engine_free);
        System.out.printf("c-abi Java: %d case, %d record, %d audience, %d agenda vectors; error cases: %s%n",
                cases, records, audiences, agendas, failures == 0 ? "ok" : "FAILED");
        System.exit(failures == 0 ? 0 : 1);
    }
}
