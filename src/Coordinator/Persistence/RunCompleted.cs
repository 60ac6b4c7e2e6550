using Tuner.Coordinator.Coordination;
using Tuner.Shared.Protocol;

namespace Tuner.Coordinator.Persistence;

/// <summary>A run reached its target epoch: its record for the report, its score, and the checkpoint file it left.</summary>
public sealed record RunCompleted(RunRecord Run, double ValAccuracy, CheckpointManifest Checkpoint) : IStudyJournalEntry;
