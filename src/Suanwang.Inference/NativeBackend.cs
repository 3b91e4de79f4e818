using LLama.Native;

namespace Suanwang.Inference;

// llama.cpp's native library is chosen once per process: LLamaSharp picks the CPU build matching the
// processor's AVX level (noavx, avx, avx2, avx512) from runtimes/<rid>/native, or a CUDA/Vulkan build
// when such a backend package is present. Its log goes to the note delegate of the latest server
// started, warnings and worse only.
internal static class NativeBackend
{
    private static readonly Lock s_gate = new();
    private static Action<string>? s_log;
    private static bool s_configured;

    public static void Configure(Action<string>? log)
    {
        lock (s_gate)
        {
            s_log = log;
            if (s_configured)
            {
                return;
            }

            s_configured = true;
            if (!NativeLibraryConfig.LLama.LibraryHasLoaded)
            {
                NativeLibraryConfig.All.WithAutoFallback(true).WithLogCallback(Forward);
            }
        }
    }

    public static string Describe()
    {
        var cpu = System.Runtime.Intrinsics.X86.Avx512F.IsSupported ? "avx512"
            : System.Runtime.Intrinsics.X86.Avx2.IsSupported ? "avx2"
            : System.Runtime.Intrinsics.X86.Avx.IsSupported ? "avx"
            : "noavx";
        return $"llama.cpp {System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier}, CPU level {cpu}";
    }

    private static void Forward(LLamaLogLevel level, string message)
    {
        if (level is LLamaLogLevel.Error or LLamaLogLevel.Warning && Volatile.Read(ref s_log) is { } log && !string.IsNullOrWhiteSpace(message))
        {
            try
            {
                log("llama.cpp: " + message.TrimEnd());
            }
            catch (ObjectDisposedException)
            {
                // The writer of a server already stopped; an exception must not unwind into native code.
            }
        }
    }
}
