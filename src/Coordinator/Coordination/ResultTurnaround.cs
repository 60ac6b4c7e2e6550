using System.Diagnostics;

namespace Tuner.Coordinator.Coordination;

/// <summary>
/// How fast the coordinator turns results into work: the time from a worker's result arriving to the next assignment
/// sent to that worker, and how many results arrived over how long. Timestamps (<see cref="Stopwatch"/> ticks) come
/// in as arguments; a worker told to wait has nothing pending, since its idle time is the schedule's, not the
/// coordinator's. The first <c>warmupResults</c> results, and the turnarounds that follow them, count in
/// <see cref="WarmUp"/>, the rest in <see cref="Steady"/>: a study runs for hours, start-up for seconds.
/// </summary>
public sealed class ResultTurnaround(int warmupResults = 0)
{
    private readonly Dictionary<string, Queue<(long Arrived, TurnaroundWindow Window)>> _pending = new(StringComparer.Ordinal);
    private int _results;

    /// <summary>Results so far, both windows; read from other threads while the study runs.</summary>
    public int Results => Volatile.Read(ref _results);

    public TurnaroundWindow WarmUp { get; } = new();

    public TurnaroundWindow Steady { get; } = new();

    public void ResultArrived(string workerId, long timestamp)
    {
        var window = _results < warmupResults ? WarmUp : Steady;
        window.ResultArrived(timestamp);
        Volatile.Write(ref _results, _results + 1);
        if (!_pending.TryGetValue(workerId, out var pending))
        {
            _pending[workerId] = pending = new Queue<(long, TurnaroundWindow)>();
        }
        pending.Enqueue((timestamp, window));
    }

    public void Assigned(string workerId, long timestamp)
    {
        if (_pending.TryGetValue(workerId, out var pending) && pending.TryDequeue(out var result))
        {
            result.Window.Turnaround(timestamp - result.Arrived);
        }
    }

    public void Waited(string workerId) => _pending.Remove(workerId);
}
