namespace Tuner.Coordinator.Coordination;

/// <summary>What one worker did for a study: runs finished and seconds spent training them.</summary>
public sealed record WorkerUsage(int Runs, double BusySeconds);
