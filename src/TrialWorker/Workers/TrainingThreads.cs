using System.Threading.Channels;

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
    private readonly Channel<Action> _trials;

    public TrainingThreads(int slots, string name)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slots, 1);
        // A worker hands over at most one trial per slot, so a trial never waits for a thread and the hand-off never fills.
        // Synchronous continuations: the writer only wakes a blocked training thread, rather than a pool thread that would.
        _trials = Channel.CreateBounded<Action>(new BoundedChannelOptions(slots) { SingleWriter = true, AllowSynchronousContinuations = true });
        for (var slot = 1; slot <= slots; slot++)
        {
            new Thread(Serve) { IsBackground = true, Name = $"{name}-{slot}" }.Start();
        }
    }

    /// <summary>
    /// Hands <paramref name="trial"/> to the next free training thread, or returns false when as many trials as there are
    /// slots already wait. <paramref name="trial"/> must catch its own exceptions.
    /// </summary>
    public bool TryRun(Action trial) => _trials.Writer.TryWrite(trial);

    /// <summary>Lets each thread end once it finishes its current trial; trials not yet taken are dropped.</summary>
    public void Stop()
    {
        _trials.Writer.TryComplete();
        while (_trials.Reader.TryRead(out _))
        {
        }
    }

    // A thread of its own may block: it waits for nothing else.
    private void Serve()
    {
        while (_trials.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            if (_trials.Reader.TryRead(out var trial))
            {
                trial();
            }
        }
    }
}
