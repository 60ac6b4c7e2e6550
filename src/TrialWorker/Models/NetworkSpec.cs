using System.Collections.Immutable;
using Tuner.Shared.Hyperparameters;
using Names = Tuner.TrialWorker.Models.HyperparameterNames;

namespace Tuner.TrialWorker.Models;

/// <summary>
/// A validated architecture read from a hyperparameter assignment. Values a search space sets for layers beyond
/// <c>num_layers</c> or <c>conv_blocks</c> are ignored, as Keras Tuner leaves inactive values in its assignments.
/// </summary>
public sealed record NetworkSpec(
    ModelFamily Family,
    InputShape Input,
    ImmutableArray<ConvBlockSpec> ConvBlocks,
    bool BatchNorm,
    ImmutableArray<DenseLayerSpec> DenseLayers)
{
    private const int MaxConvBlocks = 3;
    private const int MaxCnnDenseLayers = 3;

    public static NetworkSpec From(HyperparameterSet hyperparameters, InputShape input)
    {
        var family = ReadFamily(hyperparameters);
        var convBlocks = family == ModelFamily.Cnn ? ReadConvBlocks(hyperparameters, input) : [];
        var denseLayers = ReadDenseLayers(hyperparameters, family);
        return new NetworkSpec(family, input, convBlocks, family == ModelFamily.Cnn && hyperparameters.GetFlag(Names.BatchNorm, false), denseLayers);
    }

    /// <summary>Side length of the feature maps after the last convolution block, each pool halving it (floored).</summary>
    public (int Rows, int Columns) ConvOutputSize() =>
        ConvBlocks.Aggregate((Input.Rows, Input.Columns), (size, block) => block.Pool ? (size.Item1 / 2, size.Item2 / 2) : size);

    /// <summary>How many features reach the first dense layer.</summary>
    public int FlattenedFeatures()
    {
        if (ConvBlocks.IsEmpty)
        {
            return Input.Pixels;
        }
        var (rows, columns) = ConvOutputSize();
        return ConvBlocks[^1].Filters * rows * columns;
    }

    private static ModelFamily ReadFamily(HyperparameterSet hyperparameters) =>
        hyperparameters.GetText(Names.Model, "mlp") switch
        {
            "mlp" => ModelFamily.Mlp,
            "cnn" => ModelFamily.Cnn,
            var other => throw new InvalidHyperparametersException($"hyperparameter '{Names.Model}' is '{other}'; use 'mlp' or 'cnn'"),
        };

    private static ImmutableArray<ConvBlockSpec> ReadConvBlocks(HyperparameterSet hyperparameters, InputShape input)
    {
        var count = Whole(hyperparameters, Names.ConvBlocks, 1, MaxConvBlocks, fallback: null);
        var blocks = ImmutableArray.CreateBuilder<ConvBlockSpec>(count);
        var rows = input.Rows;
        var columns = input.Columns;
        for (var i = 0; i < count; i++)
        {
            var kernel = Whole(hyperparameters, Names.KernelSize(i), 1, Math.Min(rows, columns) | 1, fallback: null);
            if (kernel % 2 == 0)
            {
                throw new InvalidHyperparametersException($"hyperparameter '{Names.KernelSize(i)}' is {kernel}; \"same\" padding needs an odd kernel size such as {kernel + 1}");
            }
            var pool = hyperparameters.GetFlag(Names.Pool(i), false);
            if (pool)
            {
                rows /= 2;
                columns /= 2;
                if (rows < 1 || columns < 1)
                {
                    throw new InvalidHyperparametersException($"hyperparameter '{Names.Pool(i)}' pools a 1-pixel feature map away; turn pooling off for block {i} or use fewer blocks");
                }
            }
            blocks.Add(new ConvBlockSpec(
                Whole(hyperparameters, Names.Filters(i), 1, 4096, fallback: null),
                kernel,
                pool,
                DropoutRate(hyperparameters, Names.ConvDropout(i))));
        }
        return blocks.MoveToImmutable();
    }

    private static ImmutableArray<DenseLayerSpec> ReadDenseLayers(HyperparameterSet hyperparameters, ModelFamily family)
    {
        var count = family == ModelFamily.Mlp
            ? Whole(hyperparameters, Names.NumLayers, 1, int.MaxValue, fallback: null)
            : Whole(hyperparameters, Names.NumLayers, 0, MaxCnnDenseLayers, fallback: 0);
        var layers = ImmutableArray.CreateBuilder<DenseLayerSpec>(count);
        for (var i = 0; i < count; i++)
        {
            layers.Add(new DenseLayerSpec(
                Whole(hyperparameters, Names.Units(i), 1, 1 << 20, fallback: null),
                L2Factor(hyperparameters, Names.L2(i)),
                DropoutRate(hyperparameters, Names.Dropout(i))));
        }
        return layers.MoveToImmutable();
    }

    private static int Whole(HyperparameterSet hyperparameters, string name, int min, int max, int? fallback)
    {
        var value = fallback is { } given ? hyperparameters.GetInteger(name, given) : hyperparameters.GetInteger(name);
        return value >= min && value <= max
            ? (int)value
            : throw new InvalidHyperparametersException($"hyperparameter '{name}' is {value}; it must be between {min} and {max}");
    }

    private static double DropoutRate(HyperparameterSet hyperparameters, string name)
    {
        var rate = hyperparameters.GetReal(name, 0);
        return rate is >= 0 and < 1
            ? rate
            : throw new InvalidHyperparametersException($"hyperparameter '{name}' is {rate}; a dropout rate must be at least 0 and below 1");
    }

    private static double L2Factor(HyperparameterSet hyperparameters, string name)
    {
        var factor = hyperparameters.GetReal(name, 0);
        return factor >= 0 && double.IsFinite(factor)
            ? factor
            : throw new InvalidHyperparametersException($"hyperparameter '{name}' is {factor}; an L2 factor must be a finite number of at least 0");
    }
}
