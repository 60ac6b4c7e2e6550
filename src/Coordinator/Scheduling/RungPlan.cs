namespace Tuner.Coordinator.Scheduling;

/// <summary>A rung: how many configurations are trained, up to how many epochs in total.</summary>
public sealed record RungPlan(int Configurations, int Epochs);
