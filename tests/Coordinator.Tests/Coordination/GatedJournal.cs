using System.Collections.Immutable;
using Akka.Persistence;
using Akka.Persistence.Journal;

namespace Tuner.Coordinator.Tests.Coordination;

/// <summary>An in-memory journal whose writes can be held back, to see what the coordinator does while one is pending.</summary>
public sealed class GatedJournal : MemoryJournal
{
    private static TaskCompletionSource _open = Opened();

    public static string Config => $$"""
        akka.persistence.journal.plugin = "akka.persistence.journal.gated"
        akka.persistence.journal.gated.class = "{{typeof(GatedJournal).FullName}}, {{typeof(GatedJournal).Assembly.GetName().Name}}"
        akka.persistence.journal.gated.plugin-dispatcher = "akka.actor.default-dispatcher"
        akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.inmem"
        """;

    /// <summary>Writes asked for from now on wait until <see cref="Release"/>.</summary>
    public static void Hold() => _open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public static void Release() => _open.TrySetResult();

    protected override async Task<IImmutableList<Exception?>> WriteMessagesAsync(IEnumerable<AtomicWrite> messages, CancellationToken cancellationToken)
    {
        await _open.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        return await base.WriteMessagesAsync(messages, cancellationToken).ConfigureAwait(false);
    }

    private static TaskCompletionSource Opened()
    {
        var open = new TaskCompletionSource();
        open.SetResult();
        return open;
    }
}
