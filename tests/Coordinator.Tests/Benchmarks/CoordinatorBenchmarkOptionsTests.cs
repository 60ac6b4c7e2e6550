using Tuner.Coordinator.Benchmarks;
using Tuner.Coordinator.Commands;
using Tuner.Coordinator.Scheduling;

namespace Tuner.Coordinator.Tests.Benchmarks;

public sealed class CoordinatorBenchmarkOptionsTests
{
    private static readonly ScheduleOptions TenIterations = new(ScheduleKind.Hyperband, MaxEpochs: 81, Factor: 3, Iterations: 10);

    [Fact]
    public void The_warm_up_is_as_many_results_as_its_iterations_plan()
    {
        var oneIteration = SchedulePlanner.Plan(TenIterations with { Iterations = 1 }).Runs;

        Assert.Equal(0, Options(warmup: 0).WarmupResults);
        Assert.Equal(3 * oneIteration, Options(warmup: 3).WarmupResults);
        Assert.Empty(Options(warmup: 9).Problems());
    }

    [Fact]
    public void A_warm_up_that_leaves_nothing_to_measure_is_refused_naming_both_flags()
    {
        var problem = Assert.Single(Options(warmup: 10).Problems());

        Assert.Contains("--warmup-iterations must be less than --iterations (10), got 10", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_command_refuses_such_a_warm_up_before_starting_anything()
    {
        var (exitCode, output, error) = BenchCoordinator("--iterations", "5", "--warmup-iterations", "5");

        Assert.Equal(2, exitCode);
        Assert.Contains("--warmup-iterations must be less than --iterations (5)", error, StringComparison.Ordinal);
        Assert.DoesNotContain("# coordinator on", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_cut_short_by_the_search_space_says_so_and_a_full_one_says_nothing()
    {
        var window = new CoordinatorBenchmarkWindow(0, 0, 0, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, 0, TimeSpan.Zero, TimeSpan.Zero, default, default, default);
        var cut = new CoordinatorBenchmarkResult(13_383, (13_383, 66), TimeSpan.FromSeconds(20), window, window);
        var stopped = cut with { Finished = null };

        Assert.Equal("the search space ran out of new configurations in iteration 66: 13383 runs, not the 24720 planned", cut.Shortfall(24_720));
        Assert.Null(cut.Shortfall(13_383));
        Assert.Null(stopped.Shortfall(24_720));
    }

    [Fact]
    public void An_unknown_study_is_refused_naming_the_flag_and_the_choices()
    {
        Assert.Equal(
            "--study must name a built-in study (seed-mlp, seed-mlp-regularized, cnn), got 'no-such-study'",
            Assert.Single((Options(warmup: 0) with { Study = "no-such-study" }).Problems()));
    }

    [Fact]
    public void A_negative_warm_up_time_or_a_measured_time_that_is_not_positive_is_refused_naming_the_flag()
    {
        var warmup = Assert.Single((Options(warmup: 0) with { WarmupTime = TimeSpan.FromSeconds(-1) }).Problems());
        var measure = Assert.Single((Options(warmup: 0) with { MeasureTime = TimeSpan.Zero }).Problems());

        Assert.StartsWith("--warmup-time must not be negative, got -1 s", warmup, StringComparison.Ordinal);
        Assert.StartsWith("--measure-time must be positive, got 0 s", measure, StringComparison.Ordinal);
        Assert.Empty((Options(warmup: 0) with { WarmupTime = TimeSpan.Zero, MeasureTime = TimeSpan.FromSeconds(1) }).Problems());
    }

    [Theory]
    [InlineData("--measure-time", "0")]
    [InlineData("--warmup-time", "-00:00:01")]
    [InlineData("--study", "seed")]
    public void The_command_refuses_such_values_before_starting_anything_naming_the_flag(string flag, string value)
    {
        var (exitCode, output, error) = BenchCoordinator(flag, value);

        Assert.Equal(2, exitCode);
        Assert.Contains($"bench coordinator: {flag} must", error, StringComparison.Ordinal);
        Assert.DoesNotContain("# coordinator on", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--trial-time", "50ms")]
    [InlineData("--warmup-time", "twenty")]
    [InlineData("--measure-time", "00:00:xx")]
    public void A_duration_that_does_not_parse_is_refused_saying_how_to_write_one(string flag, string value)
    {
        var (exitCode, output, error) = BenchCoordinator(flag, value);

        Assert.NotEqual(0, exitCode);
        Assert.Contains($"{flag} must be a duration written hours:minutes:seconds, such as 00:00:00.050 for 50 ms, got '{value}'", error, StringComparison.Ordinal);
        Assert.DoesNotContain("# coordinator on", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Durations_left_out_keep_their_defaults_and_given_ones_are_read_as_hours_minutes_seconds()
    {
        var command = CoordinatorBenchCommand.Create();
        var defaults = command.Parse([]);
        var given = command.Parse(["--trial-time", "00:00:00.050", "--warmup-time", "00:00:05"]);

        Assert.Empty(defaults.Errors);
        Assert.Equal(TimeSpan.FromSeconds(20), defaults.GetValue<TimeSpan>("--warmup-time"));
        Assert.Equal(TimeSpan.FromSeconds(30), defaults.GetValue<TimeSpan>("--measure-time"));
        Assert.Equal(TimeSpan.Zero, defaults.GetValue<TimeSpan>("--trial-time"));
        Assert.Equal(TimeSpan.FromMilliseconds(50), given.GetValue<TimeSpan>("--trial-time"));
        Assert.Equal(TimeSpan.FromSeconds(5), given.GetValue<TimeSpan>("--warmup-time"));
    }

    [Fact]
    public void A_trial_time_offers_a_load_of_every_worker_once_per_trial_time_and_none_answers_at_once()
    {
        Assert.Equal(800, (Options(warmup: 0) with { TrialTime = TimeSpan.FromMilliseconds(10) }).OfferedLoad!.Value, precision: 6);
        Assert.Null(Options(warmup: 0).OfferedLoad);
    }

    [Fact]
    public void A_negative_trial_time_is_refused_naming_the_flag()
    {
        var problem = Assert.Single((Options(warmup: 0) with { TrialTime = TimeSpan.FromMilliseconds(-1) }).Problems());

        Assert.Contains("--trial-time must not be negative", problem, StringComparison.Ordinal);
    }

    private static CoordinatorBenchmarkOptions Options(int warmup) => new(Processes: 2, WorkersPerProcess: 4, TenIterations, Seed: 1, warmup);

    private static (int ExitCode, string Output, string Error) BenchCoordinator(params string[] flags)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = TunerCommandLine.Build().Parse(["bench", "coordinator", .. flags])
            .Invoke(new System.CommandLine.InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }
}
