using Tuner.Coordinator.Coordination;
using Tuner.Coordinator.Persistence;
using Tuner.Coordinator.Scheduling;
using Tuner.Coordinator.SearchSpaces;
using Tuner.Coordinator.Simulation;
using Tuner.Shared.Protocol;
using RunOutcome = Tuner.Shared.Trials.TrialOutcome;

namespace Tuner.Coordinator.Tests.Persistence;

public class StudyLedgerTests
{
    [Theory]
    [InlineData(ScheduleKind.Hyperband, 9, 3)]
    [InlineData(ScheduleKind.Keras, 10, 2)]
    public void Each_checkpoint_the_study_stops_needing_is_released_once_and_only_then(ScheduleKind kind, int maxEpochs, int factor)
    {
        var definition = StudyDefinition.Of(BuiltInStudies.Find("seed-mlp")!, new ScheduleOptions(kind, maxEpochs, factor), seed: 5, HyperbandEngine.DefaultMaxAttempts);
        var trainer = new FakeTrainer(5, failureRate: 0);
        var ledger = StudyLedger.Start(new StudyStarted(definition, DateTimeOffset.UnixEpoch));
        var held = new HashSet<string>(StringComparer.Ordinal);
        var released = new List<string>();

        while (ledger.NextRun() is Decision.Run run)
        {
            var id = CheckpointRetention.CheckpointId(new CheckpointReference(run.TrialId, run.ToEpoch));
            var record = new RunRecord(run.TrialId, run.Attempt, run.Bracket, run.Rung, run.FromEpoch, run.ToEpoch, "w", new RunOutcome([], null, TimeSpan.FromSeconds(1)));
            ledger.Apply(new RunCompleted(record, trainer.ValAccuracy(run.Hyperparameters, run.ToEpoch), new CheckpointManifest(id, 1, 1, "00")));
            held.Add(id);

            var dropped = ledger.TakeReleased();
            held.ExceptWith(dropped);
            released.AddRange(dropped);
            Assert.Equal(held.Order(StringComparer.Ordinal), ledger.Checkpoints.Keys.Order(StringComparer.Ordinal));
            Assert.Empty(ledger.TakeReleased());
        }

        Assert.Equal(released.Count, released.Distinct().Count());
        Assert.NotEmpty(released);
    }
}
