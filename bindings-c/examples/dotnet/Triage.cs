// Triage one case with Wegwijs from .NET (6 or later) through P/Invoke and the C ABI.
// Not run by the test suite. Put libwegwijs_c.so (wegwijs_c.dll, libwegwijs_c.dylib) next to
// the program, e.g. from `cargo build --release -p wegwijs-c`, then `dotnet run`.
using System;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

static class Native
{
    const string Lib = "wegwijs_c";
    [DllImport(Lib)] public static extern int wegwijs_engine_national(out SafeEngine engine, IntPtr error, IntPtr errorLen);
    [DllImport(Lib)] public static extern void wegwijs_engine_free(IntPtr engine);
    [DllImport(Lib)] public static extern void wegwijs_string_free(IntPtr text);
    [DllImport(Lib)] public static extern int wegwijs_evaluate(SafeEngine engine, byte[] input, nuint inputLen,
        byte[] options, nuint optionsLen, out IntPtr result, out nuint resultLen);
}

/// <summary>An engine handle, freed once by the runtime. Safe to share across threads.</summary>
sealed class SafeEngine : SafeHandle
{
    public SafeEngine() : base(IntPtr.Zero, ownsHandle: true) { }
    public override bool IsInvalid => handle == IntPtr.Zero;
    protected override bool ReleaseHandle() { Native.wegwijs_engine_free(handle); return true; }

    public static SafeEngine National()
    {
        int status = Native.wegwijs_engine_national(out var engine, IntPtr.Zero, IntPtr.Zero);
        return status == 0 ? engine : throw new InvalidOperationException($"the national rules did not load ({status})");
    }

    /// <summary>The proposal JSON; throws with the error object (never a case value) otherwise.</summary>
    public string Evaluate(string facts, string options)
    {
        byte[] input = Encoding.UTF8.GetBytes(facts), opts = Encoding.UTF8.GetBytes(options);
        int status = Native.wegwijs_evaluate(this, input, (nuint)input.Length, opts, (nuint)opts.Length,
            out var result, out var length);
        try
        {
            string text = Marshal.PtrToStringUTF8(result, checked((int)length));
            return status == 0 ? text : throw new InvalidOperationException($"wegwijs status {status}: {text}");
        }
        finally { Native.wegwijs_string_free(result); }
    }
}

static class Program
{
    static void Main()
    {
        using var engine = SafeEngine.National();
        string json = engine.Evaluate("{\"age\": 29, \"strangulation\": true}", "{\"now\": \"2026-03-02T18:00:00+01:00\"}");
        using var proposal = JsonDocument.Parse(json);
        Console.WriteLine("regie level: " + proposal.RootElement.GetProperty("regie").GetProperty("level").GetString());
    }
}
