using System.Runtime.CompilerServices;
using Tuner.TrialWorker.Training;
using static TorchSharp.torch;

namespace Tuner.TrialWorker.Tests.Training;

public class DenormalFlushingTests
{
    [Fact]
    public void A_thread_that_flushes_turns_subnormal_results_to_zero_in_torch_and_in_managed_code_and_other_threads_do_not()
    {
        var unflushed = OnNewThread(flush: false);
        var flushed = OnNewThread(flush: true);

        Assert.NotEqual(0f, unflushed.Torch);
        Assert.NotEqual(0f, unflushed.Managed);
        Assert.True(flushed.Enabled);
        Assert.Equal(0f, flushed.Torch);
        Assert.Equal(0f, flushed.Managed);
    }

    private static (bool Enabled, float Torch, float Managed) OnNewThread(bool flush)
    {
        (bool, float, float) result = default;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                var enabled = flush && DenormalFlushing.Enable();
                using var small = tensor(new[] { 1e-30f });
                using var product = small.mul(1e-10f);
                result = (enabled, product.item<float>(), Multiply(1e-30f, 1e-10f));
            }
            catch (Exception e)
            {
                failure = e;
            }
        });
        thread.Start();
        thread.Join();
        return failure is null ? result : throw new InvalidOperationException("the thread failed", failure);
    }

    // Not inlined, so the product is computed at run time on that thread, not folded by the compiler.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static float Multiply(float a, float b) => a * b;
}
