using System.Diagnostics;

namespace Tuner.Coordinator.Coordination;

/// <summary>
/// How fast the coordinator turns results into work: the time from a worker's result arriving to the next assignment
/// sent to that worker, and how many results arrived over how long. Timestamps (<see cref="Stopwatch"/> ticks) come
/// in as arguments; a worker told to wait has nothing pending, since its idle time is the schedule's, not the
/// coordinator's. Started <c>warmingUp</c>, results count in <see cref="WarmUp"/> until <see cref="EndWarmUp"/>, and the
/// turnarounds that follow them too; the rest count in <see cref="Steady"/> (a study runs for hours, start-up for
/// seconds) until <see cref="EndMeasurement"/>, after which results are not counted: a study stopped in its middle
/// is not measured while it stops.
/// </summary>
public sealed class ResultTurnaround
{
    private readonly Dictionary<string, Queue<(long Arrived, TurnaroundWindow Window)>> _pending = new(StringComparer.Ordinal);
    private TurnaroundWindow? _counting;
    private int _results;

    public ResultTurnaround(bool warmingUp = false) => _counting = warmingUp ? WarmUp : Steady;

    /// <summary>Results so far, both windows; read from other threads while the study runs.</summary>
    public int Results => Volatile.Read(ref _results);

    public TurnaroundWindow WarmUp { get; } = new();

    public TurnaroundWindow Steady { get; } = new();

    public void ResultArrived(string workerId, long timestamp)
    {
        if (Volatile.Read(ref _counting) is not { } window)
        {
            return;
        }
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

    /// <summary>From any thread: the results that arrive from now on count in <see cref="Steady"/>.</summary>
    public void EndWarmUp() => Interlocked.CompareExchange(ref _counting, Steady, WarmUp);

    /// <summary>From any thread: the results that arrive from now on are not counted.</summary>
    public void EndMeasurement() => Volatile.Write(ref _counting, null);
}
