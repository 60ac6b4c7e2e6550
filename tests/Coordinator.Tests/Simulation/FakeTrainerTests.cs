using Tuner.Coordinator.Randomness;
using Tuner.Coordinator.SearchSpaces;
using Tuner.Coordinator.Simulation;

namespace Tuner.Coordinator.Tests.Simulation;

public class FakeTrainerTests
{
    private static readonly SearchSpace Space = BuiltInStudies.Find("seed-mlp")!.Space;

    [Fact]
    public void Scores_depend_only_on_the_configuration_and_the_epoch()
    {
        var set = Space.Sample(new StableRandom(4));

        Assert.Equal(new FakeTrainer(1).ValAccuracy(set, 5), new FakeTrainer(1).ValAccuracy(set, 5));
        Assert.NotEqual(new FakeTrainer(1).ValAccuracy(set, 5), new FakeTrainer(2).ValAccuracy(set, 5));
    }

    [Fact]
    public void Scores_look_like_learning_curves()
    {
        var sets = Enumerable.Range(0, 200).Select(i => Space.Sample(new StableRandom((ulong)i))).ToList();
        var trainer = new FakeTrainer(3);

        Assert.All(sets, s => Assert.InRange(trainer.ValAccuracy(s, 1), 0.4, 1.0));
        Assert.True(sets.Count(s => trainer.ValAccuracy(s, 10) > trainer.ValAccuracy(s, 2)) > 190);
    }

    [Fact]
    public void The_failure_rate_is_respected()
    {
        var sets = Enumerable.Range(0, 1000).Select(i => Space.Sample(new StableRandom((ulong)i))).Distinct().ToList();

        Assert.DoesNotContain(sets, new FakeTrainer(5).Fails);
        Assert.InRange(sets.Count(new FakeTrainer(5, failureRate: 0.2).Fails), sets.Count / 10, sets.Count * 3 / 10);
    }
}
