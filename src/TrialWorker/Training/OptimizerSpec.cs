using Tuner.Shared.Hyperparameters;
using Names = Tuner.TrialWorker.Models.HyperparameterNames;

namespace Tuner.TrialWorker.Training;

/// <summary>
/// The optimizer an assignment asks for. Defaults are Keras's where the seed relied on them (Adam, learning rate
/// 0.001) and the shared contract's otherwise (SGD momentum 0.9, AdamW weight decay 0.01).
/// </summary>
public sealed record OptimizerSpec(OptimizerKind Kind, double LearningRate, double Momentum, double WeightDecay)
{
    public static OptimizerSpec From(HyperparameterSet hyperparameters)
    {
        var kind = hyperparameters.GetText(Names.Optimizer, "adam") switch
        {
            "adam" => OptimizerKind.Adam,
            "sgd" => OptimizerKind.Sgd,
            "adamw" => OptimizerKind.AdamW,
            var other => throw new InvalidHyperparametersException($"hyperparameter '{Names.Optimizer}' is '{other}'; use 'adam', 'sgd' or 'adamw'"),
        };
        var learningRate = hyperparameters.GetReal(Names.LearningRate, 0.001);
        if (!(learningRate > 0) || !double.IsFinite(learningRate))
        {
            throw new InvalidHyperparametersException($"hyperparameter '{Names.LearningRate}' is {learningRate}; it must be a finite number above 0, such as 0.001");
        }
        var momentum = hyperparameters.GetReal(Names.Momentum, 0.9);
        if (momentum is not (>= 0 and < 1))
        {
            throw new InvalidHyperparametersException($"hyperparameter '{Names.Momentum}' is {momentum}; it must be at least 0 and below 1");
        }
        var weightDecay = hyperparameters.GetReal(Names.WeightDecay, 0.01);
        if (!(weightDecay >= 0) || !double.IsFinite(weightDecay))
        {
            throw new InvalidHyperparametersException($"hyperparameter '{Names.WeightDecay}' is {weightDecay}; it must be a finite number of at least 0");
        }
        return new OptimizerSpec(kind, learningRate, momentum, weightDecay);
    }

    /// <summary>The batch size an assignment asks for; Keras's default of 32 when it names none.</summary>
    public static int BatchSize(HyperparameterSet hyperparameters)
    {
        var size = hyperparameters.GetInteger(Names.BatchSize, 32);
        return size is >= 1 and <= 1 << 20
            ? (int)size
            : throw new InvalidHyperparametersException($"hyperparameter '{Names.BatchSize}' is {size}; it must be a whole number from 1 up, such as 32");
    }
}
