using System.Runtime.InteropServices;

namespace Tuner.TrialWorker.Training;

/// <summary>
/// Turns on flush-to-zero for the calling thread, as <c>torch.set_flush_denormal(True)</c> does and as TensorFlow (the
/// seed's Keras) does on its own threads: Adam's moments of weights whose gradient stays zero (dead units, always-black
/// pixels) decay through the subnormal range, where each float operation costs tens of times more. Flushing changes
/// results only below 1.2e-38, and the same way on every run, so a resumed trial stays bit-identical.
/// TorchSharp does not expose the switch; LibTorch's own is called by its C++ name, known on Linux and macOS.
/// </summary>
internal static partial class DenormalFlushing
{
    /// <summary>Whether the calling thread now flushes subnormal floats to zero (false where LibTorch cannot).</summary>
    public static bool Enable()
    {
        if (OperatingSystem.IsWindows())
        {
            return false;
        }
        try
        {
            return SetFlushDenormal(GlobalContext(), true);
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
    }

    // at::globalContext() and at::Context::setFlushDenormal(bool), Itanium C++ names.
    [LibraryImport("torch_cpu", EntryPoint = "_ZN2at13globalContextEv")]
    private static partial IntPtr GlobalContext();

    [LibraryImport("torch_cpu", EntryPoint = "_ZN2at7Context16setFlushDenormalEb")]
    [return: MarshalAs(UnmanagedType.U1)]
    private static partial bool SetFlushDenormal(IntPtr context, [MarshalAs(UnmanagedType.U1)] bool on);
}
