using System.Diagnostics;
using Tuner.Shared.Hyperparameters;
using Tuner.Shared.Protocol;
using Tuner.TrialWorker.Workers;

namespace Tuner.TrialWorker.Tests.Workers;

public sealed class NoOpTrialRunnerTests
{
    private static readonly TrialAssignment Run = new(TrialId: 3, Attempt: 1, Bracket: 0, Rung: 1, HyperparameterSet.Empty, FromEpoch: 1, ToEpoch: 3, Seed: 11, Checkpoint: null);

    [Fact]
    public void A_run_answers_every_epoch_it_was_given_with_a_checkpoint()
    {
        var run = new NoOpTrialRunner(TimeSpan.Zero).Run(Run, null, _ => { }, CancellationToken.None);

        Assert.True(run.Outcome.Succeeded);
        Assert.Equal([2, 3], run.Outcome.Epochs.Select(epoch => epoch.Epoch));
        Assert.NotNull(run.Checkpoint);
    }

    [Fact]
    public void A_run_with_a_trial_time_takes_at_least_that_long()
    {
        var clock = Stopwatch.StartNew();

        var run = new NoOpTrialRunner(TimeSpan.FromMilliseconds(200)).Run(Run, null, _ => { }, CancellationToken.None);

        Assert.True(run.Outcome.Succeeded);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(190), $"took {clock.Elapsed.TotalMilliseconds} ms");
    }

    [Fact]
    public void A_cancelled_run_stops_waiting_and_fails()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        var clock = Stopwatch.StartNew();

        var run = new NoOpTrialRunner(TimeSpan.FromMinutes(10)).Run(Run, null, _ => { }, cancellation.Token);

        Assert.False(run.Outcome.Succeeded);
        Assert.True(clock.Elapsed < TimeSpan.FromMinutes(1), $"took {clock.Elapsed}");
    }
}
