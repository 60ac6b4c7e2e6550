using Tuner.Coordinator.Scheduling;
using Tuner.Coordinator.SearchSpaces;

namespace Tuner.Coordinator.Persistence;

/// <summary>
/// What makes a study the same study: its definition (as a study file), its schedule and its seed. The retry limit is
/// carried along but may change between runs of the same study.
/// </summary>
public sealed record StudyDefinition(string Study, ScheduleOptions Schedule, long Seed, int MaxAttempts)
{
    public static StudyDefinition Of(Study study, ScheduleOptions schedule, long seed, int maxAttempts) =>
        new(StudyFile.Write(study), schedule, seed, maxAttempts);

    public string Name => StudyFile.Parse(Study).Name;

    /// <summary>A fresh engine for this study; replaying the journal through it rebuilds the state that was lost.</summary>
    public HyperbandEngine StartEngine() => HyperbandEngine.Start(StudyFile.Parse(Study), Schedule, Seed, MaxAttempts);

    /// <summary>How <paramref name="other"/> differs from this one, in words; empty when it is the same study.</summary>
    public IReadOnlyList<string> Differences(StudyDefinition other)
    {
        var differences = new List<string>();
        if (Study != other.Study)
        {
            differences.Add($"the study definition ('{Name}' recorded, '{other.Name}' given{(Name == other.Name ? ", with other parameters or schedule defaults" : "")})");
        }
        if (Schedule != other.Schedule)
        {
            differences.Add($"the schedule ({Describe(Schedule)} recorded, {Describe(other.Schedule)} given)");
        }
        if (Seed != other.Seed)
        {
            differences.Add($"the seed ({Seed} recorded, {other.Seed} given)");
        }
        return differences;
    }

    private static string Describe(ScheduleOptions s) =>
        $"{StudyFile.ScheduleName(s.Kind)} max_epochs {s.MaxEpochs} factor {s.Factor} iterations {s.Iterations}";
}
