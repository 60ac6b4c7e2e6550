using Tuner.Coordinator.Scheduling;

namespace Tuner.Coordinator.Benchmarks;

/// <summary>
/// A coordinator benchmark: <see cref="Processes"/> worker processes of <see cref="WorkersPerProcess"/> no-op workers
/// each, over a study of the built-in seed-mlp space (large enough never to run out) with this schedule.
/// </summary>
public sealed record CoordinatorBenchmarkOptions(int Processes, int WorkersPerProcess, ScheduleOptions Schedule, long Seed);
