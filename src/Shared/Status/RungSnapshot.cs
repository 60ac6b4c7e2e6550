namespace Tuner.Shared.Status;

/// <summary>One rung: how many configurations it plans, how many entered it, reported back, and are running.</summary>
public sealed record RungSnapshot(int Iteration, int Bracket, int Rung, int Epochs, int Planned, int Entered, int Reported, int Running);
