using Tuner.Coordinator.Scheduling;

namespace Tuner.Coordinator.SearchSpaces;

/// <summary>A named search space with its objective and the schedule it runs with unless told otherwise.</summary>
public sealed record Study(string Name, string Description, Objective Objective, SearchSpace Space, ScheduleOptions Schedule);
