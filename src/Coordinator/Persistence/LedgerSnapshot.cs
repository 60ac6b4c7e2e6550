using System.Collections.Immutable;
using Tuner.Coordinator.Coordination;
using Tuner.Shared.Protocol;

namespace Tuner.Coordinator.Persistence;

/// <summary>A <see cref="StudyLedger"/> at one point of the journal, so that recovery replays only the events after it.</summary>
public sealed record LedgerSnapshot(
    StudyStarted Started,
    string Engine,
    ImmutableArray<RunRecord> Runs,
    ImmutableArray<CheckpointManifest> Checkpoints,
    DateTimeOffset? CompletedAt,
    ImmutableDictionary<string, byte[]>? CheckpointBytes = null) : IStudyJournalEntry;
