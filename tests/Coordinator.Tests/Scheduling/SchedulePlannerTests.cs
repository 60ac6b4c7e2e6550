using Tuner.Coordinator.Scheduling;

namespace Tuner.Coordinator.Tests.Scheduling;

public class SchedulePlannerTests
{
    private static (int Configurations, int Epochs)[][] Rungs(SchedulePlan plan) =>
        [.. plan.Brackets.Select(b => b.Rungs.Select(r => (r.Configurations, r.Epochs)).ToArray())];

    [Fact]
    public void Hyperband_for_81_epochs_and_factor_3_is_the_papers_table()
    {
        // Li et al., JMLR 2018, Table 1 (R = 81, eta = 3).
        var plan = SchedulePlanner.Plan(new ScheduleOptions(ScheduleKind.Hyperband, 81, 3));

        Assert.Equal([4, 3, 2, 1, 0], plan.Brackets.Select(b => b.Bracket));
        Assert.Equal(
            [
                [(81, 1), (27, 3), (9, 9), (3, 27), (1, 81)],
                [(34, 3), (11, 9), (3, 27), (1, 81)],
                [(15, 9), (5, 27), (1, 81)],
                [(8, 27), (2, 81)],
                [(5, 81)],
            ],
            Rungs(plan));
        Assert.Equal(143, plan.Configurations);
        Assert.Equal(206, plan.Runs);
        Assert.Equal(297 + 276 + 279 + 324 + 405, plan.Epochs);
    }

    [Theory]
    [InlineData(243, 3, 5)]
    [InlineData(81, 3, 4)]
    [InlineData(80, 3, 3)]
    [InlineData(1, 2, 0)]
    [InlineData(8, 2, 3)]
    [InlineData(10, 2, 3)]
    [InlineData(1000, 10, 3)]
    [InlineData(125, 5, 3)]
    public void The_largest_bracket_is_computed_in_integers(int maxEpochs, int factor, int expected)
    {
        Assert.Equal(expected, SchedulePlanner.MaxBracket(maxEpochs, factor));
    }

    [Fact]
    public void Hyperband_for_243_epochs_has_six_brackets()
    {
        var plan = SchedulePlanner.Plan(new ScheduleOptions(ScheduleKind.Hyperband, 243, 3));

        Assert.Equal([5, 4, 3, 2, 1, 0], plan.Brackets.Select(b => b.Bracket));
        Assert.Equal((243, 1), (plan.Brackets[0].Rungs[0].Configurations, plan.Brackets[0].Rungs[0].Epochs));
        Assert.Equal((6, 243), (plan.Brackets[5].Rungs[0].Configurations, plan.Brackets[5].Rungs[0].Epochs));
    }

    [Fact]
    public void Hyperband_rounds_epochs_that_are_not_powers_of_the_factor()
    {
        var plan = SchedulePlanner.Plan(new ScheduleOptions(ScheduleKind.Hyperband, 10, 3));

        // s_max = 2: 10/9 -> 1, 10/3 -> 3, 10.
        Assert.Equal([(9, 1), (3, 3), (1, 10)], Rungs(plan)[0]);
    }

    [Fact]
    public void Keras_for_the_seeds_budget_matches_keras_tuner()
    {
        // Keras Tuner's HyperbandOracle with max_epochs=10, factor=2:
        // _get_num_brackets: 10, 5, 2.5, 1.25 are >= 1, so 4 brackets (3..0).
        // bracket0_end_size = ceil(1 + log(10, 2)) = ceil(4.32) = 5; size(b, r) = ceil(5 / (b + 1) * 2^(b - r));
        // epochs(b, r) = ceil(10 / 2^(b - r)).
        var plan = SchedulePlanner.Plan(new ScheduleOptions(ScheduleKind.Keras, 10, 2));

        Assert.Equal(
            [
                [(10, 2), (5, 3), (3, 5), (2, 10)],
                [(7, 3), (4, 5), (2, 10)],
                [(5, 5), (3, 10)],
                [(5, 10)],
            ],
            Rungs(plan));
        Assert.Equal(27, plan.Configurations);
        Assert.Equal(46, plan.Runs);
        Assert.Equal(41 + 39 + 40 + 50, plan.Epochs);
    }

    [Fact]
    public void Keras_keeps_more_configurations_than_the_paper_and_reproduces_its_floating_point_log()
    {
        // Keras Tuner's formula evaluated in Python: math.log(81, 3) = 4.0, bracket0_end_size = 5.
        var plan = SchedulePlanner.Plan(new ScheduleOptions(ScheduleKind.Keras, 81, 3));

        Assert.Equal([(34, 3), (12, 9), (4, 27), (2, 81)], Rungs(plan)[1]);

        // math.log(243, 3) = 4.999999999999999; its ceil(1 + ...) is still 6.
        var larger = SchedulePlanner.Plan(new ScheduleOptions(ScheduleKind.Keras, 243, 3));
        Assert.Equal([(98, 3), (33, 9), (11, 27), (4, 81), (2, 243)], Rungs(larger)[1]);
    }

    [Fact]
    public void Asha_is_one_ladder_fed_with_the_most_aggressive_brackets_configurations()
    {
        var plan = SchedulePlanner.Plan(new ScheduleOptions(ScheduleKind.Asha, 81, 3, Iterations: 2));

        var ladder = Assert.Single(plan.Brackets);
        Assert.Equal([(162, 1), (54, 3), (18, 9), (6, 27), (2, 81)], ladder.Rungs.Select(r => (r.Configurations, r.Epochs)));
    }

    [Fact]
    public void Iterations_repeat_the_brackets()
    {
        var once = SchedulePlanner.Plan(new ScheduleOptions(ScheduleKind.Hyperband, 27, 3));
        var twice = SchedulePlanner.Plan(new ScheduleOptions(ScheduleKind.Hyperband, 27, 3, Iterations: 2));

        Assert.Equal(2 * once.Epochs, twice.Epochs);
        Assert.Equal([0, 0, 0, 0, 1, 1, 1, 1], twice.Brackets.Select(b => b.Iteration));
    }

    [Theory]
    [InlineData(0, 3, 1, "max epochs")]
    [InlineData(9, 1, 1, "factor")]
    [InlineData(9, 3, 0, "iterations")]
    public void Invalid_options_are_refused(int maxEpochs, int factor, int iterations, string named)
    {
        var error = Assert.Throws<ArgumentException>(() => SchedulePlanner.Plan(new ScheduleOptions(ScheduleKind.Hyperband, maxEpochs, factor, iterations)));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }
}
