using Tuner.Shared.Protocol;

namespace Tuner.Shared.Status;

/// <summary>
/// A running study as a person watching it wants to see it: every rung's progress, the trials running now and where,
/// the best result so far and the budget spent. The coordinator answers <see cref="RequestStudyStatus"/> with it.
/// </summary>
public sealed record StudySnapshot(
    string Study,
    string Schedule,
    double ElapsedSeconds,
    bool Finished,
    int EpochsTrained,
    int EpochsPlanned,
    int Workers,
    IReadOnlyList<RungSnapshot> Rungs,
    IReadOnlyList<RunningTrialSnapshot> Running,
    BestSnapshot? Best) : IProtocolMessage
{
    /// <summary>Time left at the rate epochs have been trained so far; null before anything was trained.</summary>
    public TimeSpan? Remaining =>
        EpochsTrained == 0 || Finished ? null : TimeSpan.FromSeconds(ElapsedSeconds / EpochsTrained * Math.Max(0, EpochsPlanned - EpochsTrained));
}
