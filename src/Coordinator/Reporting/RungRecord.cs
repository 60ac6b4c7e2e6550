namespace Tuner.Coordinator.Reporting;

/// <summary>One planned rung: how many configurations train, up to how many epochs in total.</summary>
public sealed record RungRecord(int Configurations, int Epochs);
