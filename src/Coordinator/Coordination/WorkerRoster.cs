using Akka.Actor;

namespace Tuner.Coordinator.Coordination;

/// <summary>
/// Which workers the coordinator knows, how many slots each has, and which trial attempts each is running with the
/// time each last showed progress. Pure bookkeeping: time comes in as arguments, decisions go back as values.
/// </summary>
public sealed class WorkerRoster
{
    private readonly Dictionary<string, WorkerEntry> _workers = new(StringComparer.Ordinal);
    private readonly Dictionary<TrialAttempt, string> _runningOn = [];

    public IReadOnlyCollection<string> WorkerIds => _workers.Keys;

    public int RunningCount => _runningOn.Count;

    /// <summary>
    /// Records a registration. A known id at a new address is a restarted process: what the old one was running is
    /// returned as lost.
    /// </summary>
    public IReadOnlyList<TrialAttempt> Register(string workerId, IActorRef worker, int slots, DateTimeOffset now)
    {
        if (_workers.TryGetValue(workerId, out var known))
        {
            known.LastSeen = now;
            if (known.Worker.Equals(worker))
            {
                return [];
            }
            var lost = Remove(workerId);
            _workers[workerId] = new WorkerEntry(worker, slots, now);
            return lost;
        }
        _workers[workerId] = new WorkerEntry(worker, slots, now);
        return [];
    }

    public bool IsKnown(string workerId) => _workers.ContainsKey(workerId);

    public IActorRef WorkerRef(string workerId) => _workers[workerId].Worker;

    public string? WorkerIdOf(IActorRef worker) => _workers.FirstOrDefault(pair => pair.Value.Worker.Equals(worker)).Key;

    public int FreeSlots(string workerId) =>
        _workers.TryGetValue(workerId, out var entry) ? entry.Slots - entry.Running.Count : 0;

    public void Seen(string workerId, DateTimeOffset now)
    {
        if (_workers.TryGetValue(workerId, out var entry))
        {
            entry.LastSeen = now;
        }
    }

    public void Assign(string workerId, TrialAttempt attempt, DateTimeOffset now)
    {
        var entry = _workers[workerId];
        entry.Running[attempt] = now;
        _runningOn[attempt] = workerId;
    }

    public bool IsRunning(TrialAttempt attempt) => _runningOn.ContainsKey(attempt);

    public string? RunningOn(TrialAttempt attempt) => _runningOn.GetValueOrDefault(attempt);

    public void Progressed(TrialAttempt attempt, DateTimeOffset now)
    {
        if (_runningOn.TryGetValue(attempt, out var workerId))
        {
            _workers[workerId].Running[attempt] = now;
            _workers[workerId].LastSeen = now;
        }
    }

    public void Release(TrialAttempt attempt)
    {
        if (_runningOn.Remove(attempt, out var workerId))
        {
            _workers[workerId].Running.Remove(attempt);
        }
    }

    /// <summary>Forgets a worker; returns the attempts it was running, now lost.</summary>
    public IReadOnlyList<TrialAttempt> Remove(string workerId)
    {
        if (!_workers.Remove(workerId, out var entry))
        {
            return [];
        }
        var lost = entry.Running.Keys.OrderBy(a => a.TrialId).ToList();
        foreach (var attempt in lost)
        {
            _runningOn.Remove(attempt);
        }
        return lost;
    }

    /// <summary>Attempts that showed no progress for longer than <paramref name="progressTimeout"/>: hung or cut off.</summary>
    public IReadOnlyList<TrialAttempt> Stalled(DateTimeOffset now, TimeSpan progressTimeout) =>
        [.. _workers.Values.SelectMany(w => w.Running).Where(r => now - r.Value > progressTimeout).Select(r => r.Key).OrderBy(a => a.TrialId)];

    /// <summary>Workers not heard from (no registration, no progress) for longer than <paramref name="silence"/>.</summary>
    public IReadOnlyList<string> Silent(DateTimeOffset now, TimeSpan silence) =>
        [.. _workers.Where(w => now - w.Value.LastSeen > silence).Select(w => w.Key).Order(StringComparer.Ordinal)];

    private sealed class WorkerEntry(IActorRef worker, int slots, DateTimeOffset lastSeen)
    {
        public IActorRef Worker { get; } = worker;

        public int Slots { get; } = slots;

        public DateTimeOffset LastSeen { get; set; } = lastSeen;

        public Dictionary<TrialAttempt, DateTimeOffset> Running { get; } = [];
    }
}
