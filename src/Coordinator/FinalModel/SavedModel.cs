using System.Text.Json;
using Tuner.Shared.Files;
using Tuner.Shared.Hyperparameters;

namespace Tuner.Coordinator.FinalModel;

/// <summary>
/// A final model on disk: <c>model.json</c> (the hyperparameters that rebuild the network, and what it scored) beside
/// <c>model.ckpt</c> (its weights, in the trainer's checkpoint format). Both written atomically.
/// </summary>
public sealed record SavedModel(HyperparameterSet Hyperparameters, int Epochs, double? TestAccuracy, double? TestLoss)
{
    public const string DescriptionFile = "model.json";
    public const string WeightsFile = "model.ckpt";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static SavedModel Save(string directory, FinalModelResult result)
    {
        Directory.CreateDirectory(directory);
        var model = new SavedModel(result.Hyperparameters, result.History.Epochs.Length, result.Test?.Accuracy, result.Test?.Loss);
        AtomicFile.Write(Path.Combine(directory, WeightsFile), stream => stream.Write(result.Checkpoint));
        AtomicFile.Write(Path.Combine(directory, DescriptionFile), stream => JsonSerializer.Serialize(stream, model, Json));
        return model;
    }

    public static (SavedModel Model, byte[] Weights) Load(string directory)
    {
        var description = Path.Combine(directory, DescriptionFile);
        var weights = Path.Combine(directory, WeightsFile);
        if (!File.Exists(description) || !File.Exists(weights))
        {
            throw new FileNotFoundException($"'{directory}' holds no saved model: expected {DescriptionFile} and {WeightsFile} there (a finished `tuner tune` writes them)");
        }
        var model = JsonSerializer.Deserialize<SavedModel>(File.ReadAllText(description), Json)
            ?? throw new InvalidDataException($"{description} is empty");
        return (model, File.ReadAllBytes(weights));
    }
}
