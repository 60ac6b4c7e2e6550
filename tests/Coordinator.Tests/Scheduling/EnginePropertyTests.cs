using Tuner.Coordinator.Scheduling;
using Tuner.Coordinator.SearchSpaces;
using Tuner.Coordinator.Simulation;
using Tuner.Shared.Hyperparameters;

namespace Tuner.Coordinator.Tests.Scheduling;

/// <summary>Whole simulated studies over many seeds, schedules and budgets, checked against invariants.</summary>
public class EnginePropertyTests
{
    private static readonly Study SeedStudy = BuiltInStudies.Find("seed-mlp")!;

    public static TheoryData<ScheduleKind, int, int, int> Cases()
    {
        var data = new TheoryData<ScheduleKind, int, int, int>();
        (int MaxEpochs, int Factor)[] budgets = [(9, 3), (10, 2), (27, 3), (12, 4)];
        for (var seed = 0; seed < 12; seed++)
        {
            var (maxEpochs, factor) = budgets[seed % budgets.Length];
            data.Add(ScheduleKind.Hyperband, maxEpochs, factor, seed);
            data.Add(ScheduleKind.Keras, maxEpochs, factor, seed);
        }
        return data;
    }

    private static SimulationResult Simulate(ScheduleKind kind, int maxEpochs, int factor, int seed, SimulationOptions options, double failureRate = 0)
    {
        var engine = HyperbandEngine.Start(SeedStudy, new ScheduleOptions(kind, maxEpochs, factor, Iterations: 1 + (seed % 2)), seed);
        return new StudySimulation(engine, new FakeTrainer(seed, failureRate), options).RunToEnd();
    }

    private static SimulationOptions Chaotic(int seed) =>
        new(Workers: 1 + (seed % 6), OrderSeed: seed * 31, RandomDurations: true, LossProbability: 0.25);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_configuration_started_is_accounted_for_exactly_once(ScheduleKind kind, int maxEpochs, int factor, int seed)
    {
        var status = Simulate(kind, maxEpochs, factor, seed, Chaotic(seed), failureRate: 0.1).Status;

        Assert.True(status.Finished);
        Assert.Equal(status.Trials.Select(t => t.TrialId), status.Brackets.SelectMany(b => b.Rungs[0].Members).Order());
        Assert.All(status.Trials, t =>
        {
            var lastRung = status.Brackets.Single(b => b.Rungs[0].Members.Contains(t.TrialId)).Rungs.Length - 1;
            var expected = t.FailureReason is not null ? TrialOutcome.Failed
                : t.Rung == lastRung ? TrialOutcome.Completed
                : TrialOutcome.Stopped;
            Assert.Equal(expected, t.Outcome);
        });
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_rungs_promoted_set_is_exactly_its_top_k(ScheduleKind kind, int maxEpochs, int factor, int seed)
    {
        var status = Simulate(kind, maxEpochs, factor, seed, Chaotic(seed), failureRate: 0.15).Status;

        foreach (var bracket in status.Brackets)
        {
            for (var i = 0; i + 1 < bracket.Rungs.Length; i++)
            {
                var succeeded = bracket.Rungs[i].Members.Select(id => status.Trials[id]).Where(t => t.Scores.Length > i).ToList();
                var k = Math.Min(bracket.Rungs[i + 1].PlannedSize, Math.Min(bracket.Rungs[i].Members.Length, succeeded.Count));
                var top = succeeded.OrderByDescending(t => t.Scores[i]).ThenBy(t => t.TrialId).Take(k).Select(t => t.TrialId);

                Assert.Equal(top.Order(), bracket.Rungs[i + 1].Members.Order());
            }
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Runs_and_epochs_trained_equal_the_plan(ScheduleKind kind, int maxEpochs, int factor, int seed)
    {
        var result = Simulate(kind, maxEpochs, factor, seed, Chaotic(seed));
        var plan = SchedulePlanner.Plan(result.Status.Schedule);

        Assert.Equal(plan.Configurations, result.Trials);
        Assert.Equal(plan.Runs, result.Runs);
        Assert.Equal(plan.Epochs, result.Epochs);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Random_completion_order_and_lost_workers_do_not_change_the_outcome(ScheduleKind kind, int maxEpochs, int factor, int seed)
    {
        var sequential = Simulate(kind, maxEpochs, factor, seed, new SimulationOptions(), failureRate: 0.1);
        var chaotic = Simulate(kind, maxEpochs, factor, seed, Chaotic(seed), failureRate: 0.1);

        Assert.NotNull(sequential.Best);
        Assert.Equal(sequential.Best, chaotic.Best);
        Assert.Equal(Outcomes(sequential.Status), Outcomes(chaotic.Status));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Configurations_are_drawn_in_plan_order_whatever_the_order_of_work(ScheduleKind kind, int maxEpochs, int factor, int seed)
    {
        var status = Simulate(kind, maxEpochs, factor, seed, Chaotic(seed), failureRate: 0.1).Status;

        // What a sequential run draws: each bracket's whole first rung, bracket after bracket in plan order.
        var sampler = new ConfigurationSampler(SeedStudy.Space, seed);
        var drawn = new HashSet<HyperparameterSet>();
        var expected = new List<HyperparameterSet>();
        foreach (var bracket in SchedulePlanner.Plan(status.Schedule).Brackets)
        {
            for (var slot = 0; slot < bracket.Configurations; slot++)
            {
                var configuration = sampler.Sample(bracket.Iteration, bracket.Bracket, slot, drawn)!;
                drawn.Add(configuration);
                expected.Add(configuration);
            }
        }
        Assert.Equal(expected, status.Trials.Select(t => t.Hyperparameters));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_run_handed_out_is_first_among_the_queued_ones_in_the_order_of_work(ScheduleKind kind, int maxEpochs, int factor, int seed)
    {
        var engine = HyperbandEngine.Start(SeedStudy, new ScheduleOptions(kind, maxEpochs, factor, Iterations: 1 + (seed % 2)), seed);
        var trainer = new FakeTrainer(seed);
        var random = new Random(seed);
        var running = new List<Decision.Run>();
        while (!engine.IsFinished)
        {
            if (running.Count < 1 + (seed % 6) && engine.Handle(new TuningEvent.WorkerReady()) is Decision.Run run)
            {
                var status = engine.Status();
                var handedOut = OrderOfWork(status, status.Trials[run.TrialId]);
                Assert.All(status.Trials.Where(t => t.Outcome == TrialOutcome.Queued), t => Assert.True(handedOut.CompareTo(OrderOfWork(status, t)) < 0));
                running.Add(run);
                continue;
            }
            if (running.Count == 0)
            {
                Assert.True(engine.IsFinished);
                break;
            }
            var done = running[random.Next(running.Count)];
            running.Remove(done);
            engine.Handle(done.Attempt < engine.MaxAttempts && random.NextDouble() < 0.2
                ? new TuningEvent.TrialLost(done.TrialId, done.Attempt)
                : new TuningEvent.TrialCompleted(done.TrialId, done.Attempt, trainer.ValAccuracy(done.Hyperparameters, done.ToEpoch)));
        }
    }

    /// <summary>Earliest start epoch first, then the most epochs to train, then bracket (in plan order), rung, trial id.</summary>
    private static (int StartEpoch, int MinusEpochs, int BracketIndex, int Rung, int TrialId) OrderOfWork(EngineStatus status, TrialStatus trial)
    {
        var bracketIndex = status.Brackets.Select((b, i) => (b, i)).Single(x => x.b.Iteration == trial.Iteration && x.b.Bracket == trial.Bracket).i;
        var rungs = status.Brackets[bracketIndex].Rungs;
        var start = trial.Rung == 0 ? 0 : rungs[trial.Rung - 1].Epochs;
        return (start, start - rungs[trial.Rung].Epochs, bracketIndex, trial.Rung, trial.TrialId);
    }

    [Theory]
    [InlineData(ScheduleKind.Hyperband, 3)]
    [InlineData(ScheduleKind.Keras, 5)]
    [InlineData(ScheduleKind.Asha, 8)]
    public void A_study_resumed_from_its_json_mid_way_ends_as_if_never_interrupted(ScheduleKind kind, int seed)
    {
        var options = Chaotic(seed);
        var schedule = new ScheduleOptions(kind, 27, 3);
        var uninterrupted = new StudySimulation(HyperbandEngine.Start(SeedStudy, schedule, seed), new FakeTrainer(seed, 0.1), options);
        uninterrupted.RunToEnd();

        var interrupted = new StudySimulation(HyperbandEngine.Start(SeedStudy, schedule, seed), new FakeTrainer(seed, 0.1), options);
        for (var step = 0; step < 40; step++)
        {
            Assert.True(interrupted.Step());
        }
        var saved = interrupted.Engine.ToJson();
        interrupted.Engine = HyperbandEngine.FromJson(saved);
        Assert.Equal(saved, interrupted.Engine.ToJson());
        interrupted.RunToEnd();

        Assert.Equal(uninterrupted.Engine.ToJson(), interrupted.Engine.ToJson());
        Assert.Equal(SeedStudy, interrupted.Engine.Study);
    }

    private static List<string> Outcomes(EngineStatus status) =>
        [.. status.Trials.Select(t => $"{t.TrialId} {t.Hyperparameters} {t.Outcome} {string.Join(",", t.Scores)}")];
}
