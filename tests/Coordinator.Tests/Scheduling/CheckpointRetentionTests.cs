using Tuner.Coordinator.Scheduling;
using Tuner.Coordinator.SearchSpaces;

namespace Tuner.Coordinator.Tests.Scheduling;

public sealed class CheckpointRetentionTests
{
    /// <summary>
    /// Hyperband R=3, eta=3: bracket 1 trains 3 configurations for 1 epoch and promotes 1 to 3 epochs; bracket 0's two
    /// 3-epoch runs go out first and are left running, so the next requests get bracket 1's.
    /// </summary>
    private static HyperbandEngine NewEngine()
    {
        var engine = HyperbandEngine.Start(BuiltInStudies.Find("seed-mlp")!, new ScheduleOptions(ScheduleKind.Hyperband, 3, 3), seed: 1);
        Assert.All(Enumerable.Range(0, 2), _ => Assert.Equal(0, Assert.IsType<Decision.Run>(engine.Handle(new TuningEvent.WorkerReady())).Bracket));
        return engine;
    }

    [Fact]
    public void A_checkpoint_is_kept_while_its_trial_may_still_resume_from_it_or_it_is_the_best_runs()
    {
        var engine = NewEngine();
        var runs = Enumerable.Range(0, 3).Select(_ => (Decision.Run)engine.Handle(new TuningEvent.WorkerReady())).ToList();
        engine.Handle(new TuningEvent.TrialCompleted(runs[0].TrialId, runs[0].Attempt, 0.5));
        engine.Handle(new TuningEvent.TrialCompleted(runs[1].TrialId, runs[1].Attempt, 0.9));

        // Promotions not decided yet: either may go on.
        Assert.True(engine.NeedsCheckpoint(new CheckpointReference(runs[0].TrialId, 1)));
        Assert.True(engine.NeedsCheckpoint(new CheckpointReference(runs[1].TrialId, 1)));

        engine.Handle(new TuningEvent.TrialCompleted(runs[2].TrialId, runs[2].Attempt, 0.1));

        // Decided: the promoted trial resumes from epoch 1, the two stopped ones never will.
        Assert.True(engine.NeedsCheckpoint(new CheckpointReference(runs[1].TrialId, 1)));
        Assert.False(engine.NeedsCheckpoint(new CheckpointReference(runs[0].TrialId, 1)));
        Assert.False(engine.NeedsCheckpoint(new CheckpointReference(runs[2].TrialId, 1)));

        var promoted = Assert.IsType<Decision.Run>(engine.Handle(new TuningEvent.WorkerReady()));
        Assert.Equal((runs[1].TrialId, 1, 3), (promoted.TrialId, promoted.FromEpoch, promoted.ToEpoch));
        engine.Handle(new TuningEvent.TrialCompleted(promoted.TrialId, promoted.Attempt, 0.95));

        // Completed: only its best run's checkpoint stays, for the final evaluation.
        Assert.Equal((promoted.TrialId, 3), (engine.Best()!.TrialId, engine.Best()!.Epochs));
        Assert.True(engine.NeedsCheckpoint(new CheckpointReference(promoted.TrialId, 3)));
        Assert.False(engine.NeedsCheckpoint(new CheckpointReference(promoted.TrialId, 1)));
    }

    [Fact]
    public void The_best_run_survives_a_round_trip_through_json_and_ties_go_to_more_epochs_then_the_lower_trial()
    {
        var engine = NewEngine();
        var runs = Enumerable.Range(0, 3).Select(_ => (Decision.Run)engine.Handle(new TuningEvent.WorkerReady())).ToList();
        engine.Handle(new TuningEvent.TrialCompleted(runs[2].TrialId, runs[2].Attempt, 0.9));
        engine.Handle(new TuningEvent.TrialCompleted(runs[1].TrialId, runs[1].Attempt, 0.9));
        engine.Handle(new TuningEvent.TrialCompleted(runs[0].TrialId, runs[0].Attempt, 0.2));
        Assert.Equal(runs[1].TrialId, engine.Best()!.TrialId);

        var promoted = Assert.IsType<Decision.Run>(engine.Handle(new TuningEvent.WorkerReady()));
        engine.Handle(new TuningEvent.TrialCompleted(promoted.TrialId, promoted.Attempt, 0.9));

        var resumed = HyperbandEngine.FromJson(engine.ToJson());
        Assert.Equal(engine.Best(), resumed.Best());
        Assert.Equal((promoted.TrialId, 3), (resumed.Best()!.TrialId, resumed.Best()!.Epochs));
    }
}
