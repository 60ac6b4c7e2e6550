namespace Tuner.TrialWorker.Data;

/// <summary>The names users type for datasets on the command line and in settings.</summary>
public static class DatasetNames
{
    public static IReadOnlyList<string> All { get; } = ["mnist", "fashion-mnist"];

    public static string Text(this DatasetName name) => name switch
    {
        DatasetName.Mnist => "mnist",
        DatasetName.FashionMnist => "fashion-mnist",
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    public static DatasetName Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "mnist" => DatasetName.Mnist,
        "fashion-mnist" => DatasetName.FashionMnist,
        _ => throw new ArgumentException($"Unknown dataset '{text}'; choose one of: {string.Join(", ", All)}.", nameof(text)),
    };
}
