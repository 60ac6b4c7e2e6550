using Tuner.Coordinator.Scheduling;
using Tuner.Coordinator.SearchSpaces;
using Tuner.Coordinator.Simulation;
using Tuner.Shared.Hyperparameters;

namespace Tuner.Coordinator.Tests.Scheduling;

public class HyperbandEngineTests
{
    private static readonly Study SeedStudy = BuiltInStudies.Find("seed-mlp")!;

    /// <summary>
    /// Hyperband R=9, eta=3 with its longer runs out: bracket 2 (trials 0-8) trains 9 configurations for 1 epoch, 3 for 3
    /// and 1 for 9. The 3-epoch runs of bracket 1 (trials 9-13) and the 9-epoch runs of bracket 0 (14-16) go out first;
    /// they are left running, so the next requests get bracket 2's runs.
    /// </summary>
    private static HyperbandEngine NineEpochs(int maxAttempts = HyperbandEngine.DefaultMaxAttempts)
    {
        var engine = HyperbandEngine.Start(SeedStudy, new ScheduleOptions(ScheduleKind.Hyperband, 9, 3), seed: 7, maxAttempts);
        Assert.Equal(Enumerable.Range(9, 8).Order(), Take(engine, 8).Select(r => r.TrialId).Order());
        return engine;
    }

    private static List<Decision.Run> Take(HyperbandEngine engine, int count) =>
        [.. Enumerable.Range(0, count).Select(_ => Assert.IsType<Decision.Run>(engine.Handle(new TuningEvent.WorkerReady())))];

    [Fact]
    public void An_iteration_opens_all_its_brackets_at_once_and_each_samples_its_whole_first_rung()
    {
        var engine = HyperbandEngine.Start(SeedStudy, new ScheduleOptions(ScheduleKind.Hyperband, 9, 3, Iterations: 2), seed: 7);
        var first = Take(engine, 1).Single();

        var status = engine.Status();
        Assert.Equal([(0, 2), (0, 1), (0, 0)], status.Brackets.Select(b => (b.Iteration, b.Bracket)));
        Assert.Equal([Enumerable.Range(0, 9), Enumerable.Range(9, 5), Enumerable.Range(14, 3)], status.Brackets.Select(b => b.Rungs[0].Members.AsEnumerable()));
        Assert.Equal((14, 0, 0, 0, 9, 1), (first.TrialId, first.Bracket, first.Rung, first.FromEpoch, first.ToEpoch, first.Attempt));
        Assert.Null(first.ResumeFrom);
    }

    [Fact]
    public void The_run_with_the_most_epochs_goes_first_and_fresh_configurations_before_promoted_runs()
    {
        // keras R=10, eta=2: bracket 0 trains 5 configurations for 10 epochs, bracket 1 5 for 5, bracket 2 7 for 3
        // (4 of them go on to 5 epochs), bracket 3 10 for 2.
        var engine = HyperbandEngine.Start(SeedStudy, new ScheduleOptions(ScheduleKind.Keras, 10, 2), seed: 1);
        var longest = Take(engine, 17);

        Assert.Equal([.. Enumerable.Repeat((0, 10), 5), .. Enumerable.Repeat((1, 5), 5), .. Enumerable.Repeat((2, 3), 7)], longest.Select(r => (r.Bracket, r.ToEpoch)));
        foreach (var run in longest.Where(r => r.Bracket == 2))
        {
            engine.Handle(new TuningEvent.TrialCompleted(run.TrialId, run.Attempt, run.TrialId / 100.0));
        }
        Assert.Equal(4, engine.Status().Brackets[1].Rungs[1].Members.Length);

        // Bracket 2's promoted runs train 2 epochs, as bracket 3's fresh ones do: the fresh ones go first.
        Assert.All(Take(engine, 10), r => Assert.Equal((3, 0, 0, 2), (r.Bracket, r.Rung, r.FromEpoch, r.ToEpoch)));
        Assert.All(Take(engine, 4), r => Assert.Equal((2, 1, 3, 5), (r.Bracket, r.Rung, r.FromEpoch, r.ToEpoch)));
    }

    [Fact]
    public void A_trial_is_promoted_as_soon_as_it_is_certainly_in_the_top_k()
    {
        var engine = NineEpochs();
        var runs = Take(engine, 9);
        double[] scores = [0.50, 0.90, 0.40, 0.70, 0.60, 0.30, 0.80];

        for (var i = 0; i < 6; i++)
        {
            Assert.IsType<Decision.Recorded>(engine.Handle(new TuningEvent.TrialCompleted(runs[i].TrialId, 1, scores[i])));
        }
        // 6 results of 9, 6 to be discarded: any of them could still drop out of the top 3.
        Assert.Empty(engine.Status().Brackets[0].Rungs[1].Members);

        engine.Handle(new TuningEvent.TrialCompleted(runs[6].TrialId, 1, scores[6]));

        Assert.Equal([runs[1].TrialId], engine.Status().Brackets[0].Rungs[1].Members);
        var promoted = Take(engine, 1).Single();
        Assert.Equal((runs[1].TrialId, 1, 1, 3, 2), (promoted.TrialId, promoted.Rung, promoted.FromEpoch, promoted.ToEpoch, promoted.Attempt));
        Assert.Equal(new CheckpointReference(runs[1].TrialId, 1), promoted.ResumeFrom);
        Assert.Equal(runs[1].Hyperparameters, promoted.Hyperparameters);
    }

    [Fact]
    public void Ties_are_broken_by_trial_id()
    {
        var engine = NineEpochs();
        var runs = Take(engine, 9);
        foreach (var run in runs.AsEnumerable().Reverse())
        {
            engine.Handle(new TuningEvent.TrialCompleted(run.TrialId, 1, 0.5));
        }

        Assert.Equal([0, 1, 2], engine.Status().Brackets[0].Rungs[1].Members.Order());
    }

    [Fact]
    public void Failed_trials_are_never_promoted_and_the_next_rung_shrinks()
    {
        var engine = NineEpochs();
        var runs = Take(engine, 9);
        for (var i = 0; i < 7; i++)
        {
            engine.Handle(new TuningEvent.TrialFailed(runs[i].TrialId, 1, "loss is NaN"));
        }
        engine.Handle(new TuningEvent.TrialCompleted(runs[7].TrialId, 1, double.NaN));
        Assert.Empty(engine.Status().Brackets[0].Rungs[1].Members);

        engine.Handle(new TuningEvent.TrialCompleted(runs[8].TrialId, 1, 0.1));

        Assert.Equal([runs[8].TrialId], engine.Status().Brackets[0].Rungs[1].Members);
        var status = engine.Status();
        Assert.Equal(8, status.Trials.Count(t => t.Outcome == TrialOutcome.Failed));
        Assert.Contains("NaN", status.Trials[runs[7].TrialId].FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lost_run_is_given_out_again_from_its_checkpoint_until_the_retry_limit()
    {
        var engine = NineEpochs(maxAttempts: 2);
        var runs = Take(engine, 9);
        for (var i = 0; i < 9; i++)
        {
            engine.Handle(new TuningEvent.TrialCompleted(runs[i].TrialId, 1, i / 10.0));
        }
        var promoted = Take(engine, 1).Single();

        Assert.IsType<Decision.Recorded>(engine.Handle(new TuningEvent.TrialLost(promoted.TrialId, promoted.Attempt)));
        var again = Take(engine, 1).Single();

        Assert.Equal(promoted with { Attempt = promoted.Attempt + 1 }, again);
        engine.Handle(new TuningEvent.TrialLost(again.TrialId, again.Attempt));
        var status = engine.Status().Trials[again.TrialId];
        Assert.Equal(TrialOutcome.Failed, status.Outcome);
        Assert.Contains("lost 2 times", status.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_interrupted_run_is_given_out_again_without_counting_against_the_retry_limit()
    {
        var engine = NineEpochs(maxAttempts: 2);
        var first = Take(engine, 1).Single();
        for (var restart = 0; restart < 5; restart++)
        {
            Assert.IsType<Decision.Recorded>(engine.Handle(new TuningEvent.TrialInterrupted(first.TrialId, first.Attempt + restart)));
            var again = Take(engine, 1).Single();
            Assert.Equal(first with { Attempt = first.Attempt + restart + 1 }, again);
        }
        Assert.IsType<Decision.Ignored>(engine.Handle(new TuningEvent.TrialInterrupted(first.TrialId, first.Attempt)));

        engine.Handle(new TuningEvent.TrialLost(first.TrialId, first.Attempt + 5));
        Assert.Equal(TrialOutcome.Queued, engine.Status().Trials[first.TrialId].Outcome);
        var retry = Take(engine, 1).Single();
        engine.Handle(new TuningEvent.TrialLost(retry.TrialId, retry.Attempt));
        Assert.Equal(TrialOutcome.Failed, engine.Status().Trials[first.TrialId].Outcome);
    }

    [Fact]
    public void A_late_repeat_of_a_lower_rung_result_is_not_taken_for_the_promoted_run()
    {
        var engine = NineEpochs();
        var runs = Take(engine, 9);
        for (var i = 0; i < 9; i++)
        {
            engine.Handle(new TuningEvent.TrialCompleted(runs[i].TrialId, runs[i].Attempt, i / 10.0));
        }
        var promoted = Take(engine, 1).Single();
        var lowerRung = runs.Single(r => r.TrialId == promoted.TrialId);

        Assert.NotEqual(lowerRung.Attempt, promoted.Attempt);
        Assert.IsType<Decision.Ignored>(engine.Handle(new TuningEvent.TrialCompleted(lowerRung.TrialId, lowerRung.Attempt, 0.99)));
        Assert.Equal(TrialOutcome.Running, engine.Status().Trials[promoted.TrialId].Outcome);
    }

    [Fact]
    public void Late_and_repeated_results_are_ignored()
    {
        var engine = NineEpochs();
        var run = Take(engine, 1).Single();
        engine.Handle(new TuningEvent.TrialLost(run.TrialId, 1));

        Assert.IsType<Decision.Ignored>(engine.Handle(new TuningEvent.TrialCompleted(run.TrialId, 1, 0.9)));

        var again = Take(engine, 1).Single();
        Assert.IsType<Decision.Recorded>(engine.Handle(new TuningEvent.TrialCompleted(again.TrialId, 2, 0.9)));
        Assert.IsType<Decision.Ignored>(engine.Handle(new TuningEvent.TrialCompleted(again.TrialId, 2, 0.9)));
        Assert.IsType<Decision.Ignored>(engine.Handle(new TuningEvent.TrialCompleted(99, 1, 0.9)));
        Assert.Equal(1, engine.Status().RunsCompleted);
    }

    [Fact]
    public void Workers_wait_while_nothing_can_run_and_hear_finished_at_the_end()
    {
        var study = SeedStudy with { Space = new SearchSpace([new Parameter.Boolean("a")]) };
        var engine = HyperbandEngine.Start(study, new ScheduleOptions(ScheduleKind.Hyperband, 3, 3), seed: 1);
        var runs = Take(engine, 2);

        Assert.IsType<Decision.Wait>(engine.Handle(new TuningEvent.WorkerReady()));
        engine.Handle(new TuningEvent.TrialCompleted(runs[0].TrialId, 1, 0.2));
        engine.Handle(new TuningEvent.TrialCompleted(runs[1].TrialId, 1, 0.8));
        var promoted = Take(engine, 1).Single();
        Assert.Equal(runs[1].TrialId, promoted.TrialId);
        engine.Handle(new TuningEvent.TrialCompleted(promoted.TrialId, promoted.Attempt, 0.85));

        // The space (two configurations) is exhausted, so the second bracket never opens.
        Assert.IsType<Decision.Finished>(engine.Handle(new TuningEvent.WorkerReady()));
        Assert.IsType<Decision.Finished>(engine.Handle(new TuningEvent.WorkerReady()));
        Assert.True(engine.IsFinished);
        Assert.Equal([TrialOutcome.Stopped, TrialOutcome.Completed], engine.Status().Trials.Select(t => t.Outcome));
    }

    [Fact]
    public void The_best_trial_is_the_best_score_of_any_run_then_more_epochs_then_lower_id()
    {
        var engine = NineEpochs();
        var runs = Take(engine, 9);
        for (var i = 0; i < 9; i++)
        {
            engine.Handle(new TuningEvent.TrialCompleted(runs[i].TrialId, 1, i == 4 ? 0.95 : 0.5 + (i / 100.0)));
        }
        var promoted = Take(engine, 3);
        engine.Handle(new TuningEvent.TrialCompleted(promoted[0].TrialId, promoted[0].Attempt, 0.93));
        Assert.Equal((4, 0.95, 1), (engine.Best()!.TrialId, engine.Best()!.ValAccuracy, engine.Best()!.Epochs));

        engine.Handle(new TuningEvent.TrialCompleted(promoted[1].TrialId, promoted[1].Attempt, 0.95));

        var best = engine.Best()!;
        Assert.Equal((promoted[1].TrialId, 0.95, 3, 1), (best.TrialId, best.ValAccuracy, best.Epochs, best.Rung));
    }

    [Fact]
    public void Asha_cold_start_gives_new_configurations_until_a_rung_holds_factor_results()
    {
        var engine = HyperbandEngine.Start(SeedStudy, new ScheduleOptions(ScheduleKind.Asha, 9, 3), seed: 3);
        double[] scores = [0.7, 0.9, 0.8];

        for (var i = 0; i < 3; i++)
        {
            var run = Take(engine, 1).Single();
            Assert.Equal((i, 0), (run.TrialId, run.Rung));
            engine.Handle(new TuningEvent.TrialCompleted(run.TrialId, 1, scores[i]));
        }

        var promotion = Take(engine, 1).Single();
        Assert.Equal((1, 1, 1, 3), (promotion.TrialId, promotion.Rung, promotion.FromEpoch, promotion.ToEpoch));
        Assert.Equal(new CheckpointReference(1, 1), promotion.ResumeFrom);

        // Rung 1 holds nothing yet and rung 0 has promoted its top floor(3 / 3) = 1: a new configuration.
        Assert.Equal((3, 0), Take(engine, 1).Select(r => (r.TrialId, r.Rung)).Single());
    }

    [Fact]
    public void Asha_finishes_with_no_promotable_trial_left_behind()
    {
        var engine = HyperbandEngine.Start(SeedStudy, new ScheduleOptions(ScheduleKind.Asha, 27, 3), seed: 11);
        var result = new StudySimulation(engine, new FakeTrainer(11, failureRate: 0.1), new SimulationOptions(4, 11, RandomDurations: true, LossProbability: 0.1)).RunToEnd();

        Assert.Equal(27, result.Trials);
        Assert.All(result.Status.Trials, t => Assert.Contains(t.Outcome, new[] { TrialOutcome.Completed, TrialOutcome.Stopped, TrialOutcome.Failed }));
        var rungs = result.Status.Brackets.Single().Rungs;
        for (var i = 0; i + 1 < rungs.Length; i++)
        {
            var results = rungs[i].Members.Select(id => result.Status.Trials[id]).ToList();
            var top = results.Where(t => t.Scores.Length > i).OrderByDescending(t => t.Scores[i]).ThenBy(t => t.TrialId).Take(results.Count / 3);
            Assert.All(top, t => Assert.Contains(t.TrialId, rungs[i + 1].Members));
            Assert.All(rungs[i + 1].Members, id => Assert.True(result.Status.Trials[id].Scores.Length > i));
        }
    }

    [Fact]
    public void A_small_grid_is_tried_once_per_configuration_and_then_the_study_ends()
    {
        var grid = SeedStudy with
        {
            Space = new SearchSpace([new Parameter.Boolean("a"), new Parameter.Choice("b", [new HyperparameterValue.WholeNumber(1), new HyperparameterValue.WholeNumber(2), new HyperparameterValue.WholeNumber(3)])]),
        };
        var engine = HyperbandEngine.Start(grid, new ScheduleOptions(ScheduleKind.Hyperband, 9, 3), seed: 2);

        var result = new StudySimulation(engine, new FakeTrainer(2), new SimulationOptions(2)).RunToEnd();

        Assert.Equal(6, result.Trials);
        Assert.Equal(6, result.Status.Trials.Select(t => t.Hyperparameters).Distinct().Count());
        Assert.Single(result.Status.Brackets);
        Assert.Equal([6, 3, 1], result.Status.Brackets[0].Rungs.Select(r => r.Members.Length));
    }

    [Fact]
    public void Invalid_start_options_are_refused()
    {
        Assert.Throws<ArgumentException>(() => HyperbandEngine.Start(SeedStudy, new ScheduleOptions(ScheduleKind.Keras, 10, 1), 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => HyperbandEngine.Start(SeedStudy, new ScheduleOptions(ScheduleKind.Keras, 10, 2), 1, maxAttempts: 0));
    }
}
