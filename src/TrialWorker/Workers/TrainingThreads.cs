namespace Tuner.TrialWorker.Workers;

/// <summary>
/// A worker's training threads, one per slot, reused from trial to trial: starting a thread per trial cost about 9% of
/// a worker's CPU when trials are short. Dedicated threads rather than the thread pool's, because a trial runs for
/// minutes (the pool would starve the cluster's heartbeats) and TorchSharp's dispose scopes belong to a thread. The
/// trainer sets its per-thread state (Torch thread count, flush-to-zero) at the start of every trial, so a trial does
/// not depend on what ran before it on the same thread.
/// </summary>
public sealed class TrainingThreads
{
    // A monitor wakes exactly one idle thread per trial. A channel's WaitToReadAsync woke every idle thread for each
    // trial, and each of them spun (sched_yield) before blocking again: a quarter of a no-op worker's CPU.
    private readonly Queue<Action> _trials = new();
    private readonly int _slots;
    private bool _stopped;

    public TrainingThreads(int slots, string name)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slots, 1);
        _slots = slots;
        for (var slot = 1; slot <= slots; slot++)
        {
            new Thread(Serve) { IsBackground = true, Name = $"{name}-{slot}" }.Start();
        }
    }

    /// <summary>
    /// Hands <paramref name="trial"/> to the next free training thread, or returns false when as many trials as there are
    /// slots already wait (a worker hands over at most one trial per slot, so a trial never waits for a thread).
    /// <paramref name="trial"/> must catch its own exceptions.
    /// </summary>
    public bool TryRun(Action trial)
    {
        lock (_trials)
        {
            if (_stopped || _trials.Count >= _slots)
            {
                return false;
            }
            _trials.Enqueue(trial);
            Monitor.Pulse(_trials);
            return true;
        }
    }

    /// <summary>Lets each thread end once it finishes its current trial; trials not yet taken are dropped.</summary>
    public void Stop()
    {
        lock (_trials)
        {
            _stopped = true;
            _trials.Clear();
            Monitor.PulseAll(_trials);
        }
    }

    // A thread of its own may block: it waits for nothing else.
    private void Serve()
    {
        while (Next() is { } trial)
        {
            trial();
        }
    }

    private Action? Next()
    {
        lock (_trials)
        {
            while (_trials.Count == 0 && !_stopped)
            {
                Monitor.Wait(_trials);
            }
            return _stopped ? null : _trials.Dequeue();
        }
    }
}
