using System.Globalization;

namespace Tuner.TrialWorker.Models;

/// <summary>The shared hyperparameter names that search spaces and the model builder agree on.</summary>
public static class HyperparameterNames
{
    public const string Model = "model";
    public const string LearningRate = "learning_rate";
    public const string Optimizer = "optimizer";
    public const string Momentum = "momentum";
    public const string WeightDecay = "weight_decay";
    public const string BatchSize = "batch_size";
    public const string NumLayers = "num_layers";
    public const string ConvBlocks = "conv_blocks";
    public const string BatchNorm = "batch_norm";

    public static string Units(int layer) => Indexed("num_units_", layer);

    public static string L2(int layer) => Indexed("l2_", layer);

    public static string Dropout(int layer) => Indexed("drop_", layer);

    public static string Filters(int block) => Indexed("filters_", block);

    public static string KernelSize(int block) => Indexed("kernel_size_", block);

    public static string Pool(int block) => Indexed("pool_", block);

    public static string ConvDropout(int block) => Indexed("conv_drop_", block);

    private static string Indexed(string prefix, int index) => prefix + index.ToString(CultureInfo.InvariantCulture);
}
