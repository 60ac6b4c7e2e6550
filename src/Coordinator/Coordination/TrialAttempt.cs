namespace Tuner.Coordinator.Coordination;

/// <summary>One attempt at one trial's current run; a re-issued trial gets a new attempt number.</summary>
public readonly record struct TrialAttempt(int TrialId, int Attempt)
{
    public override string ToString() => $"{TrialId}#{Attempt}";
}
