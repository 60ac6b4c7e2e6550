using Tuner.Coordinator.Randomness;
using Tuner.Shared.Hyperparameters;

namespace Tuner.Coordinator.Simulation;

/// <summary>
/// Stands in for training: the validation accuracy is a pseudo-random function of the configuration and the epoch
/// (a learning curve rising to a per-configuration ceiling, with a little noise), so runs are reproducible anywhere.
/// </summary>
public sealed class FakeTrainer(long scoreSeed, double failureRate = 0)
{
    public bool Fails(HyperparameterSet hyperparameters) => Uniform(hyperparameters, -1) < failureRate;

    public double ValAccuracy(HyperparameterSet hyperparameters, int epoch)
    {
        var ceiling = 0.90 + (0.09 * Uniform(hyperparameters, -2));
        var pace = 0.5 + (3 * Uniform(hyperparameters, -3));
        var noise = 0.004 * (Uniform(hyperparameters, epoch) - 0.5);
        return (ceiling * (1 - (0.5 * Math.Exp(-epoch / pace)))) + noise;
    }

    private double Uniform(HyperparameterSet hyperparameters, long salt) =>
        new StableRandom(StableHash.Combine(scoreSeed, salt, unchecked((long)StableHash.Of(hyperparameters.ToString())))).NextDouble();
}
