namespace Tuner.Coordinator.Scheduling;

/// <summary>Names a checkpoint (the weights of a trial after a number of epochs); the engine never holds the bytes.</summary>
public sealed record CheckpointReference(int TrialId, int Epoch);
