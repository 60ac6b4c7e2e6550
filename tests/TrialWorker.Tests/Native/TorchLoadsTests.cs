using static TorchSharp.torch;

namespace Tuner.TrialWorker.Tests;

public class TorchLoadsTests
{
    [Fact]
    public void A_tensor_operation_runs_on_this_machine()
    {
        using var a = tensor(new float[] { 1, 2, 3 });
        using var b = a.mul(2).sum();
        Assert.Equal(12f, b.item<float>());
    }
}
