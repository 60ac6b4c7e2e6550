using Tuner.Coordinator.Coordination;
using Tuner.Shared.Protocol;

namespace Tuner.Coordinator.Persistence;

/// <summary>
/// A run reached its target epoch: its record for the report, its score, and the checkpoint it left: a small one
/// (<see cref="Tuner.Shared.Checkpoints.CheckpointShelf.InlineLimit"/>) is kept here in <see cref="Bytes"/>, which
/// spares each result a file written and synced; a larger one is a file, written before this entry.
/// </summary>
public sealed record RunCompleted(RunRecord Run, double ValAccuracy, CheckpointManifest Checkpoint, byte[]? Bytes = null) : IStudyJournalEntry;
