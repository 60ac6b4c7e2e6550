using Tuner.Shared.Hyperparameters;
using static TorchSharp.torch;

namespace Tuner.TrialWorker.Models;

/// <summary>Turns a hyperparameter assignment into a network, refusing assignments no network can be built from.</summary>
public static class ModelBuilder
{
    /// <summary>
    /// Builds the network, drawing its initial weights from <paramref name="generator"/>, which the network keeps for
    /// its dropout masks.
    /// </summary>
    /// <exception cref="InvalidHyperparametersException">The assignment names an unknown model or an impossible layer.</exception>
    public static TrialNetwork Build(HyperparameterSet hyperparameters, InputShape input, Generator generator) =>
        new(NetworkSpec.From(hyperparameters, input), generator);
}
