using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace Tuner.TrialWorker.Training;

/// <summary>
/// The values of a contiguous float32 CPU tensor as a span over its own memory, so that a managed loop can update
/// several vectors in one pass where LibTorch would make one pass per operation. TorchSharp reads tensors this way
/// internally (its TensorAccessor) but exposes no pointer, so this asks its native library the same question.
/// </summary>
internal static partial class TensorMemory
{
    /// <summary>The tensor's values; valid while the tensor lives and is not resized.</summary>
    public static unsafe Span<float> Floats(Tensor tensor)
    {
        if (tensor.dtype != ScalarType.Float32 || tensor.device_type != TorchSharp.DeviceType.CPU || !tensor.is_contiguous())
        {
            throw new ArgumentException($"a contiguous float32 CPU tensor is needed, not a {tensor.dtype} tensor on {tensor.device_type} (contiguous: {tensor.is_contiguous()})", nameof(tensor));
        }
        var data = DataPointer(tensor.Handle);
        if (data == IntPtr.Zero)
        {
            throw new InvalidOperationException("LibTorch gave no data pointer for a tensor");
        }
        return new Span<float>((void*)data, checked((int)tensor.numel()));
    }

    [LibraryImport("LibTorchSharp", EntryPoint = "THSTensor_data")]
    private static partial IntPtr DataPointer(IntPtr tensor);
}
