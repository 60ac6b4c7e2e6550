using Tuner.Coordinator.Randomness;
using Tuner.Coordinator.SearchSpaces;
using Tuner.Shared.Hyperparameters;

namespace Tuner.Coordinator.Tests.SearchSpaces;

public class ConfigurationSamplerTests
{
    private static readonly SearchSpace SeedSpace = BuiltInStudies.Find("seed-mlp")!.Space;

    [Fact]
    public void Only_active_parameters_are_sampled()
    {
        for (var seed = 0; seed < 200; seed++)
        {
            var set = SeedSpace.Sample(new StableRandom((ulong)seed));
            var layers = set.GetInteger("num_layers");

            Assert.InRange(layers, 2, 5);
            for (var i = 0; i < 5; i++)
            {
                Assert.Equal(i < layers, set.Contains($"num_units_{i}"));
            }
            Assert.All(Enumerable.Range(0, (int)layers), i => Assert.Contains(set.GetInteger($"num_units_{i}"), new long[] { 15, 30, 45, 60, 75, 90, 105, 120 }));
        }
    }

    [Fact]
    public void A_slot_always_draws_the_same_configuration_whatever_was_asked_before()
    {
        var sampler = new ConfigurationSampler(SeedSpace, 42);
        var first = sampler.Sample(0, 3, 7, new HashSet<HyperparameterSet>());
        _ = sampler.Sample(0, 3, 6, new HashSet<HyperparameterSet>());

        Assert.Equal(first, new ConfigurationSampler(SeedSpace, 42).Sample(0, 3, 7, new HashSet<HyperparameterSet>()));
        Assert.NotEqual(first, new ConfigurationSampler(SeedSpace, 43).Sample(0, 3, 7, new HashSet<HyperparameterSet>()));
    }

    [Fact]
    public void Sampling_is_the_same_on_every_machine()
    {
        // Pinned: a change here means studies no longer replay with the seeds users recorded.
        var set = new ConfigurationSampler(SeedSpace, 1).Sample(0, 3, 0, new HashSet<HyperparameterSet>());

        Assert.Equal(PinnedSeedSample, set!.ToString());
    }

    [Fact]
    public void A_collision_draws_again_and_an_exhausted_space_yields_nothing()
    {
        var grid = new SearchSpace([new Parameter.Boolean("a"), new Parameter.Choice("b", [new HyperparameterValue.Word("x"), new HyperparameterValue.Word("y")])]);
        var sampler = new ConfigurationSampler(grid, 5);
        var tried = new HashSet<HyperparameterSet>();

        for (var slot = 0; slot < 4; slot++)
        {
            var set = sampler.Sample(0, 0, slot, tried);
            Assert.NotNull(set);
            Assert.True(tried.Add(set));
        }

        Assert.Null(sampler.Sample(0, 0, 4, tried));
    }

    [Fact]
    public void Stepped_reals_are_exact_decimals()
    {
        var values = new Parameter.Real("drop", 0.0, 0.5, 0.1).Grid()!;

        Assert.Contains(new HyperparameterValue.RealNumber(0.3), values);
    }

    [Fact]
    public void A_log_scale_real_stays_in_range()
    {
        var parameter = new Parameter.Real("lr", 1e-5, 1e-1, Log: true);
        var random = new StableRandom(9);
        var draws = Enumerable.Range(0, 1000).Select(_ => ((HyperparameterValue.RealNumber)parameter.Sample(random)).Value).ToList();

        Assert.All(draws, v => Assert.InRange(v, 1e-5, 1e-1));
        Assert.InRange(draws.Count(v => v < 1e-3), 400, 600);
    }

    private const string PinnedSeedSample = "learning_rate=0.001, num_layers=3, num_units_0=90, num_units_1=15, num_units_2=15";
}
