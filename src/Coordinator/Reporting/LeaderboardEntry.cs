namespace Tuner.Coordinator.Reporting;

/// <summary>One place on the leaderboard.</summary>
public sealed record LeaderboardEntry(int Place, TrialRecord Trial)
{
    /// <summary>Trials by best validation accuracy, highest first; trials without a score last; ties by trial id.</summary>
    public static IReadOnlyList<LeaderboardEntry> Rank(IEnumerable<TrialRecord> trials) =>
    [
        .. trials
            .OrderByDescending(t => t.BestValidationAccuracy ?? double.NegativeInfinity)
            .ThenBy(t => t.TrialId)
            .Select((trial, i) => new LeaderboardEntry(i + 1, trial)),
    ];
}
