using Tuner.Coordinator.Persistence;
using Tuner.Coordinator.Scheduling;
using Tuner.Coordinator.SearchSpaces;
using Tuner.Coordinator.Simulation;

namespace Tuner.Coordinator.Tests.Persistence;

/// <summary>Studies whose coordinator dies at random moments and resumes from its journal end as uninterrupted ones.</summary>
public class ResumeAfterCrashTests
{
    public static TheoryData<ScheduleKind, int, int, int> Cases()
    {
        var data = new TheoryData<ScheduleKind, int, int, int>();
        (int MaxEpochs, int Factor)[] budgets = [(9, 3), (10, 2), (27, 3), (12, 4)];
        for (var seed = 0; seed < 16; seed++)
        {
            var (maxEpochs, factor) = budgets[seed % budgets.Length];
            data.Add(ScheduleKind.Hyperband, maxEpochs, factor, seed);
            data.Add(ScheduleKind.Keras, maxEpochs, factor, seed);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_study_killed_at_random_moments_ends_as_the_uninterrupted_one(ScheduleKind kind, int maxEpochs, int factor, int seed)
    {
        var definition = StudyDefinition.Of(BuiltInStudies.Find("seed-mlp")!, new ScheduleOptions(kind, maxEpochs, factor, 1 + (seed % 2)), seed, maxAttempts: 2);
        var trainer = new FakeTrainer(seed, failureRate: 0.1);
        var uninterrupted = new CrashingStudy(definition, trainer, workers: 3, orderSeed: seed, crashProbability: 0, snapshotEvery: int.MaxValue).RunToEnd();
        var crashing = new CrashingStudy(definition, trainer, workers: 1 + (seed % 4), orderSeed: seed * 7919, crashProbability: 0.12, snapshotEvery: seed % 2 == 0 ? 13 : int.MaxValue);

        var resumed = crashing.RunToEnd();

        Assert.True(crashing.Crashes > 0, "the study never crashed");
        var (expected, actual) = (uninterrupted.Engine.Status(), resumed.Engine.Status());
        Assert.True(actual.Finished);
        Assert.Equal(expected.Best, actual.Best);
        Assert.Equal(expected.RunsCompleted, actual.RunsCompleted);
        Assert.Equal(expected.EpochsTrained, actual.EpochsTrained);
        Assert.Equal(
            expected.Trials.Select(t => (t.TrialId, t.Hyperparameters, t.Outcome, string.Join(",", t.Scores))),
            actual.Trials.Select(t => (t.TrialId, t.Hyperparameters, t.Outcome, string.Join(",", t.Scores))));
        Assert.Equal(uninterrupted.Runs.Count, resumed.Runs.Count);
        Assert.Equal(resumed.Runs.Count, resumed.Runs.Select(r => (r.TrialId, r.Rung)).Distinct().Count());
        Assert.Equal(uninterrupted.Checkpoints.Keys.Order(), resumed.Checkpoints.Keys.Order());
    }

    [Fact]
    public void A_journal_written_under_an_earlier_order_of_work_replays_the_runs_it_names()
    {
        // Keras R=10, eta=2 once gave out bracket 3's 2-epoch runs (trials 0-9) first; now bracket 0's 10-epoch runs go first.
        var started = new StudyStarted(StudyDefinition.Of(BuiltInStudies.Find("seed-mlp")!, new ScheduleOptions(ScheduleKind.Keras, 10, 2), 1, HyperbandEngine.DefaultMaxAttempts), DateTimeOffset.UnixEpoch);
        var ledger = StudyLedger.Start(started);

        ledger.Apply(new RunStarted(0, 1));
        ledger.Apply(new RunStarted(1, 1));

        Assert.Equal([0, 1], ledger.RunsOut().Select(r => r.TrialId));
        var next = Assert.IsType<Decision.Run>(ledger.NextRun());
        Assert.Equal((0, 0, 10), (next.Bracket, next.FromEpoch, next.ToEpoch));
        var error = Assert.Throws<InvalidOperationException>(() => ledger.Apply(new RunStarted(1, 1)));
        Assert.Contains("trial 1 attempt 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Runs_out_at_a_crash_are_given_out_again_without_using_up_their_retries()
    {
        var started = new StudyStarted(StudyDefinition.Of(BuiltInStudies.Find("seed-mlp")!, new ScheduleOptions(ScheduleKind.Keras, 4, 2), 3, maxAttempts: 1), DateTimeOffset.UnixEpoch);
        var ledger = StudyLedger.Start(started);
        var first = Assert.IsType<Decision.Run>(ledger.NextRun());
        var journal = new List<IStudyJournalEntry> { new RunStarted(first.TrialId, first.Attempt) };

        for (var restart = 1; restart <= 3; restart++)
        {
            ledger = StudyLedger.Start(started);
            journal.ForEach(ledger.Apply);
            var interrupted = Assert.Single(ledger.RunsOut());
            journal.Add(interrupted);
            ledger.Apply(interrupted);
            var again = Assert.IsType<Decision.Run>(ledger.NextRun());
            Assert.Equal(first with { Attempt = first.Attempt + restart }, again);
            journal.Add(new RunStarted(again.TrialId, again.Attempt));
        }

        ledger.Apply(new RunLost(first.TrialId, first.Attempt + 3));
        var trial = ledger.Engine.Status().Trials[first.TrialId];
        Assert.Equal(TrialOutcome.Failed, trial.Outcome);
        Assert.Contains("lost 1 times", trial.FailureReason, StringComparison.Ordinal);
    }
}
