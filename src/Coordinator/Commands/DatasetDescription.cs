using System.Globalization;
using System.Text;
using Tuner.TrialWorker.Data;

namespace Tuner.Coordinator.Commands;

/// <summary>What the seed printed about its data: each split's array shapes and its class percentages.</summary>
public static class DatasetDescription
{
    public static string Format(DatasetSplits splits)
    {
        var text = new StringBuilder();
        foreach (var (title, set) in new[] { ("Train set", splits.Train), ("Validation set", splits.Validation), ("Test set", splits.Test) })
        {
            text.AppendLine(title)
                .AppendLine(CultureInfo.InvariantCulture, $"({set.Count}, {set.Rows}, {set.Columns})")
                .AppendLine(CultureInfo.InvariantCulture, $"({set.Count},)")
                .AppendLine();
            foreach (var (label, percent) in ClassShares(set.Labels))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"{label} : {percent:F2}");
            }
            text.AppendLine();
        }
        return text.ToString();
    }

    /// <summary>
    /// Percentage of each label, most frequent first as pandas' <c>value_counts</c>; equal counts in label order
    /// (the seed's test table lists 3 before 9, both at 10.10).
    /// </summary>
    public static IReadOnlyList<(int Label, double Percent)> ClassShares(IReadOnlyCollection<byte> labels) =>
        [.. labels.GroupBy(label => label)
            .Select(group => (Label: (int)group.Key, Count: group.Count()))
            .OrderByDescending(share => share.Count)
            .ThenBy(share => share.Label)
            .Select(share => (share.Label, (double)share.Count / labels.Count * 100))];
}
