using Akka.Actor;
using Microsoft.Data.Sqlite;
using Tuner.Coordinator.Coordination;
using Tuner.Coordinator.Persistence;
using Tuner.Coordinator.Scheduling;
using Tuner.Coordinator.SearchSpaces;
using Tuner.Coordinator.Tests.Coordination;
using Tuner.TrialWorker.Workers;

namespace Tuner.Coordinator.Tests.Persistence;

/// <summary>
/// A coordinator journaling to SQLite, its actor system torn down mid-study and started again on the same study
/// directory, with workers whose fake trainer checks it resumes from the right checkpoint.
/// </summary>
public sealed class CoordinatorResumeTests : IDisposable
{
    private static readonly ScheduleOptions Schedule = new(ScheduleKind.Keras, MaxEpochs: 8, Factor: 2);
    private static readonly Study SeedStudy = BuiltInStudies.Find("seed-mlp")!;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"resume-{Guid.NewGuid():N}");

    private static StudyDefinition Definition(long seed = 7) => StudyDefinition.Of(SeedStudy, Schedule, seed, HyperbandEngine.DefaultMaxAttempts);

    private static StudyRunSettings FastSweeps => new()
    {
        SweepInterval = TimeSpan.FromMilliseconds(100),
        ProgressTimeout = TimeSpan.FromSeconds(60),
        WorkerSilence = TimeSpan.FromSeconds(60),
    };

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    /// <summary>A PostgreSQL server to test against, e.g. "Host=localhost;Database=tuner;Username=tuner;Password=tuner".</summary>
    public const string PostgreSqlVariable = "TUNER_TEST_POSTGRESQL";

    private PersistenceSettings _persistence = new();
    private string _persistenceId = $"study-{SeedStudy.Name}";

    [Fact]
    public async Task A_coordinator_stopped_mid_study_resumes_from_its_journal_and_counts_every_run_once()
    {
        await StopAndResume();
        Assert.Equal("wal", JournalMode("journal.db"));
        Assert.Equal("wal", JournalMode("snapshots.db"));
    }

    [Fact]
    public async Task A_study_an_older_tuner_journaled_in_rollback_mode_is_switched_to_wal_and_resumes()
    {
        await StopAndResume(beforeResume: () =>
        {
            // The files as a tuner before write-ahead logging left them: same tables, SQLite's default journal mode.
            _persistence.ReleaseFiles(_directory);
            Assert.Equal("delete", JournalMode("journal.db", "delete"));
            Assert.Equal("delete", JournalMode("snapshots.db", "delete"));
        });
        Assert.Equal("wal", JournalMode("journal.db"));
        Assert.Equal("wal", JournalMode("snapshots.db"));
    }

    /// <summary>The journal mode recorded in one of the study's files, after setting it when <paramref name="set"/> is given.</summary>
    private string JournalMode(string file, string? set = null)
    {
        var path = Path.Combine(_directory, file);
        Assert.True(File.Exists(path), $"{file} is missing");
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var query = connection.CreateCommand();
        query.CommandText = set is null ? "PRAGMA journal_mode" : $"PRAGMA journal_mode={set}";
        return (string)query.ExecuteScalar()!;
    }

    [Fact]
    public async Task A_coordinator_journaling_to_postgresql_resumes_as_on_sqlite()
    {
        if (Environment.GetEnvironmentVariable(PostgreSqlVariable) is not { Length: > 0 } connection)
        {
            Assert.Skip($"no PostgreSQL server to test against: set {PostgreSqlVariable} to a connection string, e.g. Host=localhost;Database=tuner;Username=tuner;Password=tuner");
            return;
        }
        _persistence = new PersistenceSettings { Provider = PersistenceSettings.PostgreSql, ConnectionString = connection };
        // The database outlives the test: a fresh journal each run.
        _persistenceId = $"study-test-{Guid.NewGuid():N}";

        await StopAndResume();
        Assert.False(File.Exists(Path.Combine(_directory, "journal.db")));
    }

    private async Task StopAndResume(Action? beforeResume = null)
    {
        var cancellation = TestContext.Current.CancellationToken;
        var plan = SchedulePlanner.Plan(Schedule);
        var first = new ScoringRunner(TimeSpan.FromMilliseconds(30));
        await using (var study = Start(Definition(), ExistingStudy.ResumeSame, first, workers: 2))
        {
            while (first.Runs < plan.Runs / 2)
            {
                await Task.Delay(20, cancellation);
            }
        }
        beforeResume?.Invoke();

        var second = new ScoringRunner(TimeSpan.FromMilliseconds(5));
        StudyEnded ended;
        await using (var study = Start(Definition(), ExistingStudy.ResumeSame, second, workers: 2))
        {
            ended = await study.Ended.WaitAsync(TimeSpan.FromSeconds(90), cancellation);
        }

        Assert.False(ended.AlreadyFinished);
        Assert.True(ended.Status.Finished);
        Assert.Equal(plan.Runs, ended.Status.RunsCompleted);
        Assert.Equal(plan.Runs, ended.Runs.Count);
        Assert.Equal(plan.Runs, ended.Runs.Select(r => (r.TrialId, r.Rung)).Distinct().Count());
        Assert.All(ended.Runs, r => Assert.True(r.Outcome.Succeeded, r.Outcome.FailureReason));
        Assert.True(second.Runs < plan.Runs, "the resumed coordinator ran the whole study again");
        var best = SequentialBest();
        Assert.Equal((best.TrialId, best.ValAccuracy), (ended.Status.Best!.TrialId, ended.Status.Best.ValAccuracy));
        Assert.Equal(ScoringRunner.CheckpointOf(best.TrialId, best.Epochs), ended.BestCheckpoint);
        // Small checkpoints live in the journal (recovery checked them against their SHA-256): no file is written.
        var files = Path.Combine(_directory, "checkpoints");
        Assert.Empty(Directory.Exists(files) ? Directory.GetFiles(files) : []);

        var third = new ScoringRunner(TimeSpan.FromMilliseconds(5));
        await using (var study = Start(Definition(), ExistingStudy.ResumeSame, third, workers: 1))
        {
            var again = await study.Ended.WaitAsync(TimeSpan.FromSeconds(60), cancellation);
            Assert.True(again.AlreadyFinished);
            Assert.Equal(ended.Status.Best, again.Status.Best);
            Assert.Equal(ended.Runs, again.Runs);
            Assert.Equal(ended.BestCheckpoint, again.BestCheckpoint);
        }
        Assert.Equal(0, third.Runs);
    }

    [Fact]
    public async Task Another_study_in_the_directory_is_refused_unless_resumed_or_overwritten()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var plan = SchedulePlanner.Plan(Schedule);
        await using (var study = Start(Definition(seed: 7), ExistingStudy.ResumeSame, new ScoringRunner(TimeSpan.Zero), workers: 2))
        {
            await study.Ended.WaitAsync(TimeSpan.FromSeconds(60), cancellation);
        }

        await using (var study = Start(Definition(seed: 8), ExistingStudy.ResumeSame, new ScoringRunner(TimeSpan.Zero), workers: 1))
        {
            var refused = await Assert.ThrowsAsync<StudyMismatchException>(() => study.Ended.WaitAsync(TimeSpan.FromSeconds(60), cancellation));
            Assert.Contains("the seed (7 recorded, 8 given)", refused.Message, StringComparison.Ordinal);
            Assert.Contains("--resume", refused.Message, StringComparison.Ordinal);
            Assert.Contains("--overwrite", refused.Message, StringComparison.Ordinal);
        }

        await using (var study = Start(Definition(seed: 8), ExistingStudy.Resume, new ScoringRunner(TimeSpan.Zero), workers: 1))
        {
            var resumed = await study.Ended.WaitAsync(TimeSpan.FromSeconds(60), cancellation);
            Assert.True(resumed.AlreadyFinished);
            Assert.Equal(SequentialBest(seed: 7).TrialId, resumed.Status.Best!.TrialId);
        }

        var fresh = new ScoringRunner(TimeSpan.Zero);
        await using (var study = Start(Definition(seed: 8), ExistingStudy.Overwrite, fresh, workers: 2))
        {
            var overwritten = await study.Ended.WaitAsync(TimeSpan.FromSeconds(60), cancellation);
            Assert.False(overwritten.AlreadyFinished);
            Assert.Equal(plan.Runs, overwritten.Runs.Count);
            Assert.Equal(SequentialBest(seed: 8).TrialId, overwritten.Status.Best!.TrialId);
        }
        Assert.Equal(plan.Runs, fresh.Runs);
    }

    /// <summary>The same study driven one run at a time, with the same scores: what any run must agree with.</summary>
    private static BestTrial SequentialBest(long seed = 7)
    {
        var engine = Definition(seed).StartEngine();
        while (engine.Handle(new TuningEvent.WorkerReady()) is Decision.Run run)
        {
            engine.Handle(new TuningEvent.TrialCompleted(run.TrialId, run.Attempt, ScoringRunner.Score(run.Hyperparameters, run.ToEpoch)));
        }
        return engine.Best()!;
    }

    private RunningStudy Start(StudyDefinition definition, ExistingStudy existing, ScoringRunner runner, int workers)
    {
        var system = ActorSystem.Create("resume", BootstrapSetup.Create().WithConfig(_persistence.ToConfig(_directory)).And(_persistence.ToSetup(_directory)));
        var ended = new TaskCompletionSource<StudyEnded>(TaskCreationOptions.RunContinuationsAsynchronously);
        var coordinator = system.ActorOf(CoordinatorActor.Props(definition, FastSweeps, StudyStorage.In(_directory, SeedStudy.Name, existing, snapshotEvery: 10) with { PersistenceId = _persistenceId }, ended), "coordinator");
        for (var i = 1; i <= workers; i++)
        {
            var worker = new WorkerSettings { WorkerId = $"w{i}", Slots = 1, RegisterInterval = TimeSpan.FromMilliseconds(100), ExitWhenStudyFinishes = false };
            system.ActorOf(WorkerActor.Props(worker, runner, coordinator), $"worker-{i}");
        }
        return new RunningStudy(system, ended.Task);
    }

    private sealed record RunningStudy(ActorSystem System, Task<StudyEnded> Ended) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await System.Terminate();
    }
}
