using System.Diagnostics;

namespace Tuner.Coordinator.Coordination;

/// <summary>
/// How fast the coordinator turns results into work: the time from a worker's result arriving to the next assignment
/// sent to that worker, and how many results arrived over how long. Timestamps (<see cref="Stopwatch"/> ticks) come
/// in as arguments; a worker told to wait has nothing pending, since its idle time is the schedule's, not the
/// coordinator's.
/// </summary>
public sealed class ResultTurnaround
{
    private readonly Dictionary<string, Queue<long>> _pending = new(StringComparer.Ordinal);
    private readonly List<long> _turnarounds = [];
    private long _firstResult;
    private long _lastResult;

    public int Results { get; private set; }

    public int Measured => _turnarounds.Count;

    /// <summary>Results per second between the first result and the last.</summary>
    public double ResultsPerSecond => Results < 2 ? 0 : (Results - 1) / Stopwatch.GetElapsedTime(_firstResult, _lastResult).TotalSeconds;

    public void ResultArrived(string workerId, long timestamp)
    {
        if (Results++ == 0)
        {
            _firstResult = timestamp;
        }
        _lastResult = timestamp;
        if (!_pending.TryGetValue(workerId, out var pending))
        {
            _pending[workerId] = pending = new Queue<long>();
        }
        pending.Enqueue(timestamp);
    }

    public void Assigned(string workerId, long timestamp)
    {
        if (_pending.TryGetValue(workerId, out var pending) && pending.TryDequeue(out var arrived))
        {
            _turnarounds.Add(timestamp - arrived);
        }
    }

    public void Waited(string workerId) => _pending.Remove(workerId);

    /// <summary>The turnaround that <paramref name="percent"/> percent of measured ones do not exceed (nearest rank).</summary>
    public TimeSpan Percentile(double percent)
    {
        if (_turnarounds.Count == 0)
        {
            return TimeSpan.Zero;
        }
        var sorted = _turnarounds.Order().ToList();
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Count);
        return Stopwatch.GetElapsedTime(0, sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)]);
    }
}
