using System.Collections.Immutable;
using Tuner.Coordinator.Scheduling;
using Tuner.Shared.Hyperparameters;

namespace Tuner.Coordinator.SearchSpaces;

/// <summary>The studies that ship with the tuner, selectable by name and printable as a starting point for custom ones.</summary>
public static class BuiltInStudies
{
    private const int MaxDenseLayers = 5;

    public static IReadOnlyList<Study> All { get; } = [SeedMlp(), SeedMlpRegularized(), Cnn()];

    public static Study? Find(string name) => All.FirstOrDefault(s => s.Name == name);

    /// <summary>
    /// The seed's first space. Keras Tuner samples all five num_units_i even when fewer layers are built, so equal
    /// networks count as different trials there; here num_units_i is active only when num_layers > i.
    /// </summary>
    private static Study SeedMlp() => new(
        "seed-mlp",
        "The seed's first search: Adam's learning rate, 2 to 5 dense ReLU layers of 15 to 120 units.",
        Objective.ValidationAccuracy,
        new SearchSpace([LearningRate(), new Parameter.Whole("num_layers", 2, MaxDenseLayers), .. Units(MaxDenseLayers, 15, 120, 15)]),
        new ScheduleOptions(ScheduleKind.Keras, 10, 2));

    /// <summary>
    /// The seed's second space. The seed drew dropout from 0.2 to 4 in steps of 0.5, but a dropout rate must lie in
    /// [0, 1); this study searches 0.0 to 0.5 in steps of 0.1 instead.
    /// </summary>
    private static Study SeedMlpRegularized()
    {
        var perLayer = Enumerable.Range(0, MaxDenseLayers).SelectMany(i => new Parameter[]
        {
            new Parameter.Choice($"l2_{i}", Reals(1e-4, 1e-3, 1e-2), LayerExists("num_layers", i)),
            new Parameter.Real($"drop_{i}", 0.0, 0.5, 0.1, When: LayerExists("num_layers", i)),
            new Parameter.Whole($"num_units_{i}", 15, 120, 15, LayerExists("num_layers", i)),
        });
        return new Study(
            "seed-mlp-regularized",
            "The seed's second search: the first one with per-layer L2 penalty and dropout (0.0 to 0.5; the seed's 0.2 to 4 is not a valid rate).",
            Objective.ValidationAccuracy,
            new SearchSpace([LearningRate(), new Parameter.Whole("num_layers", 2, MaxDenseLayers), .. perLayer]),
            new ScheduleOptions(ScheduleKind.Keras, 20, 2));
    }

    /// <summary>
    /// Small convolutional networks: a PyTorch-example-sized CNN took about 60 s an epoch on 2 cores, so filters stay
    /// at 8 to 32, blocks at 1 or 2 and batches at 128.
    /// </summary>
    private static Study Cnn()
    {
        var blocks = Enumerable.Range(0, 2).SelectMany(i => new Parameter[]
        {
            new Parameter.Whole($"filters_{i}", 8, 32, 8, LayerExists("conv_blocks", i)),
            new Parameter.Choice($"kernel_size_{i}", [new HyperparameterValue.WholeNumber(3), new HyperparameterValue.WholeNumber(5)], LayerExists("conv_blocks", i)),
            new Parameter.Boolean($"pool_{i}", LayerExists("conv_blocks", i)),
        });
        return new Study(
            "cnn",
            "Small CNNs sized for a 2-core machine: 1 or 2 convolution blocks of 8 to 32 filters, optional pooling and batch norm, then 0 or 1 dense layer.",
            Objective.ValidationAccuracy,
            new SearchSpace(
            [
                new Parameter.Fixed("model", new HyperparameterValue.Word("cnn")),
                new Parameter.Fixed("batch_size", new HyperparameterValue.WholeNumber(128)),
                LearningRate(),
                new Parameter.Whole("conv_blocks", 1, 2),
                .. blocks,
                new Parameter.Boolean("batch_norm"),
                new Parameter.Whole("num_layers", 0, 1),
                new Parameter.Whole("num_units_0", 32, 128, 32, LayerExists("num_layers", 0)),
            ]),
            new ScheduleOptions(ScheduleKind.Hyperband, 9, 3));
    }

    private static Parameter.Choice LearningRate() => new("learning_rate", Reals(1e-4, 1e-3, 1e-2));

    private static IEnumerable<Parameter> Units(int layers, long min, long max, long step) =>
        Enumerable.Range(0, layers).Select(i => new Parameter.Whole($"num_units_{i}", min, max, step, LayerExists("num_layers", i)));

    private static Condition.GreaterThan LayerExists(string countParameter, int index) => new(countParameter, index);

    private static ImmutableArray<HyperparameterValue> Reals(params double[] values) =>
        [.. values.Select(v => (HyperparameterValue)new HyperparameterValue.RealNumber(v))];
}
