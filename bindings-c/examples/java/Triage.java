// Triage one case with Wegwijs from Java through JNA and the C ABI.
//
//   cargo build --release -p wegwijs-c
//   java -Djna.library.path=target/release -cp /usr/share/java/jna.jar bindings-c/examples/java/Triage.java
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import java.nio.charset.StandardCharsets;

public final class Triage {
    /** The part of bindings-c/include/wegwijs.h used here; size_t is a long (64-bit hosts). */
    interface Wegwijs extends Library {
        Wegwijs LIB = Native.load("wegwijs_c", Wegwijs.class);

        int wegwijs_engine_national(PointerByReference engine, PointerByReference error, LongByReference errorLen);
        int wegwijs_evaluate(Pointer engine, byte[] input, long inputLen, byte[] options, long optionsLen,
                PointerByReference out, LongByReference outLen);
        void wegwijs_string_free(Pointer text);
        void wegwijs_engine_free(Pointer engine);
    }

    /** Thrown for a non-zero status; the message is the error object (JSON, never a case value). */
    static final class WegwijsException extends RuntimeException {
        WegwijsException(int status, String errorJson) { super("status " + status + ": " + errorJson); }
    }

    static String evaluate(Pointer engine, String facts, String options) {
        byte[] in = facts.getBytes(StandardCharsets.UTF_8), opt = options.getBytes(StandardCharsets.UTF_8);
        PointerByReference out = new PointerByReference();
        LongByReference len = new LongByReference();
        int status = Wegwijs.LIB.wegwijs_evaluate(engine, in, in.length, opt, opt.length, out, len);
        try {
            String text = new String(out.getValue().getByteArray(0, (int) len.getValue()), StandardCharsets.UTF_8);
            if (status != 0) throw new WegwijsException(status, text);
            return text;
        } finally {
            Wegwijs.LIB.wegwijs_string_free(out.getValue());
        }
    }

    public static void main(String[] args) {
        PointerByReference engine = new PointerByReference();
        if (Wegwijs.LIB.wegwijs_engine_national(engine, null, null) != 0) {
            throw new IllegalStateException("the national rules did not load");
        }
        try {
            String proposal = evaluate(engine.getValue(),
                    "{\"age\": 29, \"strangulation\": true, \"last_incident_at\": \"2026-03-01T22:00:00+01:00\"}",
                    "{\"now\": \"2026-03-02T18:00:00+01:00\"}");
            System.out.println(proposal);
        } finally {
            Wegwijs.LIB.wegwijs_engine_free(engine.getValue());
        }
    }
}
