namespace Tuner.Coordinator.Scheduling;

/// <summary>The budget of a study in epochs: R = <see cref="MaxEpochs"/>, eta = <see cref="Factor"/>.</summary>
public sealed record ScheduleOptions(ScheduleKind Kind, int MaxEpochs, int Factor, int Iterations = 1)
{
    /// <summary>What is wrong with these options, each naming the setting and the fix; empty when they are valid.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (MaxEpochs < 1)
        {
            problems.Add($"max epochs must be at least 1, got {MaxEpochs}");
        }
        if (Factor < 2)
        {
            problems.Add($"factor must be at least 2 (each rung keeps 1/factor of the previous one), got {Factor}");
        }
        if (Iterations < 1)
        {
            problems.Add($"iterations must be at least 1, got {Iterations}");
        }
        return problems;
    }
}
