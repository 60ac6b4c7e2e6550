using System.Diagnostics;

namespace Tuner.Coordinator.Coordination;

/// <summary>The results of one stretch of a study (warm-up or steady state) and the turnarounds that followed them.</summary>
public sealed class TurnaroundWindow
{
    private readonly List<long> _turnarounds = [];
    private long _firstResult;
    private long _lastResult;

    public int Results { get; private set; }

    public int Measured => _turnarounds.Count;

    /// <summary>Results per second between the window's first result and its last.</summary>
    public double ResultsPerSecond => Results < 2 ? 0 : (Results - 1) / Stopwatch.GetElapsedTime(_firstResult, _lastResult).TotalSeconds;

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

    internal void ResultArrived(long timestamp)
    {
        if (Results++ == 0)
        {
            _firstResult = timestamp;
        }
        _lastResult = timestamp;
    }

    internal void Turnaround(long ticks) => _turnarounds.Add(ticks);
}
